import { describe, expect, it } from 'vitest';
import { nextSubmission, SAME_SUBMISSION_MS } from './submission';

describe('nextSubmission', () => {
  let n = 0;
  const newKey = () => `k${++n}`;

  it('a double-click (same body, moments apart) keeps the first key', () => {
    const first = nextSubmission(null, '{"prompt":"a"}', 1000, newKey);
    const second = nextSubmission(first, '{"prompt":"a"}', 1040, newKey);
    expect(second.key).toBe(first.key);
  });

  it('a changed form, or the same one sent again later, is a new submission', () => {
    const first = nextSubmission(null, '{"prompt":"a"}', 1000, newKey);
    expect(nextSubmission(first, '{"prompt":"b"}', 1040, newKey).key).not.toBe(first.key);
    expect(nextSubmission(first, '{"prompt":"a"}', 1000 + SAME_SUBMISSION_MS, newKey).key).not.toBe(
      first.key,
    );
  });

  it('a burst of clicks stays one submission while they keep coming', () => {
    let s = nextSubmission(null, 'x', 0, newKey);
    const key = s.key;
    for (let t = 500; t <= 3000; t += 500) s = nextSubmission(s, 'x', t, newKey);
    expect(s.key).toBe(key);
  });
});
