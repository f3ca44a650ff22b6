import { describe, expect, it } from 'vitest';
import { sameOriginFileUrl } from './urls';

describe('sameOriginFileUrl', () => {
  it('turns our own signed file URLs into same-origin paths, leaves external ones', () => {
    expect(sameOriginFileUrl('http://localhost:3000/api/files/users/u/a.mp3?exp=1&sig=x')).toBe(
      '/api/files/users/u/a.mp3?exp=1&sig=x',
    );
    expect(sameOriginFileUrl('https://bucket.s3.example/a.mp3?X-Amz-Signature=1')).toBe(
      'https://bucket.s3.example/a.mp3?X-Amz-Signature=1',
    );
    expect(sameOriginFileUrl(null)).toBeNull();
  });
});
