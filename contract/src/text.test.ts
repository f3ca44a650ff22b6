import { describe, expect, it } from 'vitest';
import { charLength, IdParams, Text } from './index.ts';
import { CreateTrackBody, ListTracksQuery } from './tracks.ts';
import { PatchMeBody } from './users.ts';

// Issue 13 #6: text is normalised and checked at the contract, so NUL and other
// control characters are a 400, never a database error.

describe('Text', () => {
  const title = Text({ min: 1, max: 5 });

  it('refuses NUL, C0/C1 controls, DEL and lone surrogates', () => {
    for (const bad of ['a\u0000b', 'a\u0007', 'x\u001by', 'a\u007f', 'a\u0085', 'a\ud800b', 'a\nb']) {
      expect(title.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses bidi overrides and isolates ("\u202Egnp.exe" shows as "exe.png"), keeps the RTL marks', () => {
    const name = Text({ min: 1, max: 20 });
    const lyrics = Text({ max: 50, multiline: true });
    for (const bad of ['\u202Egnp.exe\u202C', 'a\u202Ab', 'a\u2066b\u2069', 'a\u2068b'])
      for (const schema of [name, lyrics])
        expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(name.parse('שלום\u200F world')).toBe('שלום\u200F world');
  });

  it('allows line breaks and tabs only where multi-line text is expected', () => {
    const lyrics = Text({ max: 50, multiline: true });
    expect(lyrics.parse('line one\nline\ttwo\r\n')).toBe('line one\nline\ttwo');
    expect(lyrics.safeParse('line\u0000').success).toBe(false);
  });

  it('normalises to NFC and counts characters, not UTF-16 units', () => {
    expect(title.parse('e\u0301')).toBe('\u00e9');
    expect(title.parse('🎵🎵🎵🎵🎵')).toBe('🎵🎵🎵🎵🎵'); // 10 UTF-16 units, 5 characters
    expect(title.safeParse('🎵🎵🎵🎵🎵🎵').success).toBe(false);
    expect(charLength('e\u0301🎵')).toBe(3);
    expect(title.safeParse('   ').success).toBe(false);
  });

  it('every text field of the contract uses it', () => {
    const prompt = { prompt: 'lo-fi beats \u0000 at night', duration_s: 30 };
    expect(CreateTrackBody.safeParse(prompt).success).toBe(false);
    expect(
      CreateTrackBody.safeParse({ prompt: 'lo-fi beats at night', duration_s: 30, title: 'a\u0000' }).success,
    ).toBe(false);
    expect(
      CreateTrackBody.safeParse({
        prompt: 'lo-fi beats at night',
        duration_s: 30,
        has_vocals: true,
        lyrics: '\u0000',
      }).success,
    ).toBe(false);
    expect(PatchMeBody.safeParse({ name: 'x\u0000' }).success).toBe(false);
    expect(ListTracksQuery.safeParse({ q: '\u0000' }).success).toBe(false);
  });

  it('ids are canonical lower case', () => {
    expect(IdParams.parse({ id: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' }).id).toBe(
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    );
  });
});
