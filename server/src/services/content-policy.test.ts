import { describe, expect, it } from 'vitest';
import {
  checkContent,
  findViolation,
  type PolicyField,
  type PolicyRule,
  policyMessage,
} from './content-policy.ts';
import { AMBIGUOUS_ARTISTS, ARTISTS, FRANCHISES, HATE_WORDS } from './content-policy-lists.ts';
import { AppError } from './errors.ts';

// Offensive test words are assembled at run time so this file does not spell them out.
const slur = ['n', 'i', 'g', 'g', 'e', 'r'].join('');
const slur2 = ['f', 'a', 'g'].join('');

const REFUSED: [PolicyField, string, PolicyRule, string?][] = [
  ['prompt', 'a ballad in the style of Taylor Swift', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'a ballad in the style of t4yl0r sw1ft', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'pop song like TAYLOR-SWIFT with synths', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'sounds like taylorswift, upbeat', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'Beyoncé-style RnB anthem with horns', 'artist_imitation', 'Beyonce'],
  ['prompt', 'b3y0nc3 vocals over trap drums', 'artist_imitation', 'Beyonce'],
  ['prompt', 'heavy riffs like ac/dc, stadium rock', 'artist_imitation', 'AC/DC'],
  ['prompt', 'west coast beat, snoop dogg flow', 'artist_imitation', 'Snoop Dogg'],
  ['prompt', 'emin3m rapid fire verse over boom bap', 'artist_imitation', 'Eminem'],
  ['prompt', "dark rap in the style of Drake's later albums", 'artist_imitation', 'Drake'],
  ['prompt', 'stadium anthem that sounds like Queen, big choirs', 'artist_imitation', 'Queen'],
  ['prompt', 'funk jam sung by the Prince himself', 'artist_imitation', 'Prince'],
  ['title', 'My Tribute to Kendrick Lamar', 'artist_imitation', 'Kendrick Lamar'],
  ['lyrics', 'I want to sing like Ed Sheeran tonight', 'artist_imitation', 'Ed Sheeran'],
  ['prompt', 'epic orchestral Star Wars battle theme', 'trademark', 'Star Wars'],
  ['prompt', 'cheerful 8-bit pokémon battle music', 'trademark', 'Pokemon'],
  ['prompt', 'cinematic music for a Harry Potter scene at hogwarts', 'trademark', 'Harry Potter'],
  ['title', 'Spiderman swings again', 'trademark', 'Spider-Man'],
  ['prompt', "assassin's creed stealth theme, tense strings", 'trademark', "Assassin's Creed"],
  ['prompt', 'slow jam about sex on a summer night', 'sexual'],
  ['lyrics', 'take it off, porn star dreams', 'sexual'],
  ['prompt', 'a soft song about a rapist', 'sexual'],
  ['lyrics', `we sing the word ${slur} all night`, 'hate'],
  ['lyrics', `n1${slur.slice(2)} in the verse`, 'hate'],
  ['prompt', `rock song calling someone a ${slur2}, angry guitars`, 'hate'],
  ['prompt', 'angry punk song, fuck everything, distorted guitars', 'profanity'],
  ['title', 'Sh1t happens on Mondays', 'profanity'],
  // Masked (a probe's list): invisible characters inside a word, look-alike letters of other
  // scripts, a name spelled out letter by letter. Checks read the normalised text.
  ['prompt', 'a ballad in the style of Tay\u200Blor Swift', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'a ballad in the style of Tay\u00ADlor Swift', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'a ballad in the style of Tay\u2060lor Swift', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'a ballad like T\u0430ylor Sw\u0456ft', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'a ballad like T-a-y-l-o-r S-w-i-f-t', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'sounds like a T a y l o r S w i f t song', 'artist_imitation', 'Taylor Swift'],
  ['prompt', 'Be\u200Byonce vocals, slow rnb', 'artist_imitation', 'Beyonce'],
  ['prompt', 'Dua Li\u200Cpa disco pop', 'artist_imitation', 'Dua Lipa'],
  ['prompt', 'Star Wa\u200Brs battle theme', 'trademark', 'Star Wars'],
  ['prompt', 'an epic S.t.a.r W.a.r.s march', 'trademark', 'Star Wars'],
  ['title', 'Mic\u2060key Mouse dances', 'trademark', 'Mickey Mouse'],
  ['title', 'po\u200Brn soundtrack', 'sexual'],
  ['title', 'T\u0430ylor Swift forever', 'artist_imitation', 'Taylor Swift'],
  // A QA walk's list: bands written without their article, an ambiguous name before its cue.
  ['prompt', 'beatles style jangly pop', 'artist_imitation', 'Beatles'],
  ['prompt', 'beatles-style harmonies and a 12-string', 'artist_imitation', 'Beatles'],
  ['prompt', 'weeknd style synthpop', 'artist_imitation', 'Weeknd'],
  ['prompt', 'rolling stones style bluesy rock', 'artist_imitation', 'Rolling Stones'],
  ['prompt', 'drake-style moody trap beat', 'artist_imitation', 'Drake'],
  ['prompt', 'dark drake type beat, 140 bpm', 'artist_imitation', 'Drake'],
  ['prompt', 'Queen-esque stadium rock with choirs', 'artist_imitation', 'Queen'],
  ['prompt', 'nirvana style grunge, loud chorus', 'artist_imitation', 'Nirvana'],
  ['prompt', 'greenday-style pop punk', 'artist_imitation', 'Green Day'],
  ['prompt', 'in the style of Nirvana, quiet verse loud chorus', 'artist_imitation', 'Nirvana'],
];

const ALLOWED: [PolicyField, string][] = [
  ['prompt', 'brass band march for Scunthorpe United on match day'],
  ['prompt', 'sea shanty about the fishing fleet of Grimsby'],
  ['prompt', 'tense thriller score for an assassin stalking the rooftops'],
  ['prompt', 'smooth lounge jazz for a cocktail party'],
  ['prompt', 'calm piano for a therapist waiting room'],
  ['prompt', 'folk song about Sussex, Essex and Middlesex villages'],
  ['prompt', 'synthwave with analog synths and a classic bass line'],
  ['prompt', 'glass harmonica and massive bass, passage of time'],
  ['prompt', 'pilot in the cockpit, epic cinematic rise'],
  ['prompt', 'sexy saxophone slow jam, late night lounge'],
  ['prompt', 'a queen walks through her garden, baroque strings'],
  ['prompt', 'prince of the desert, world music with oud and percussion'],
  ['prompt', 'a drake and a duck on a pond, playful woodwinds'],
  ['prompt', 'future garage with shuffled drums and vocal chops'],
  ['prompt', 'pink noise ambient bed with soft pads'],
  ['prompt', 'string quartet inspired by Dickens novels, Victorian London'],
  ['prompt', 'hip hop beat for a Penistone cafe'],
  ['prompt', 'marvel at the northern lights, ambient drone'],
  ['prompt', 'song for my friend Taylor about swift rivers'],
  ['prompt', 'a swift taylor-made jingle for a tailor shop'],
  ['title', 'Cumulus Clouds Over Scunthorpe'],
  ['title', 'Therapist'],
  ['lyrics', 'damn this shit is hard, but we keep going'], // mild profanity is allowed in lyrics
  ['lyrics', 'the assassin sips a cocktail in Grimsby'],
  // Unmasking must not invent names: other scripts, spaced letters and emoji stay innocent.
  ['lyrics', 'привет, мой друг, поём до утра'],
  ['prompt', 'Καλημέρα, a Greek folk song with bouzouki'],
  ['prompt', 'the letters a b c d e f g sung as a lullaby'],
  ['prompt', 'spell it out: S-U-N-S-H-I-N-E, a happy pop chorus'],
  ['prompt', 'family 👨\u200D👩\u200D👧 road trip song, acoustic guitar'],
  ['prompt', 'reaching nirvana through slow meditative drones'],
  ['prompt', 'a state of nirvana, blissful ambient drone'],
  ['prompt', 'a bright green day in spring, acoustic folk'],
  ['prompt', 'queen-like grace, baroque harpsichord'],
  ['prompt', 'tropical oasis vibes, steel drums'],
  ['prompt', 'a prince type of hero theme, brass fanfare'],
];

describe('content policy', () => {
  it.each(REFUSED)('refuses %s: %s', (field, text, rule, name) => {
    const v = findViolation(field, text);
    expect(v).toMatchObject({ rule, field, ...(name ? { name } : {}) });
  });

  it.each(ALLOWED)('allows %s: %s', (field, text) => {
    expect(findViolation(field, text)).toBeNull();
  });

  it('the error names the rule and what to change, and never repeats an offensive word', () => {
    for (const [field, text, rule] of REFUSED) {
      let caught: unknown;
      try {
        checkContent({ [field]: text });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(AppError);
      const e = caught as AppError;
      expect(e.status).toBe(422);
      expect(e.code).toBe('CONTENT_POLICY');
      expect(e.details).toMatchObject({ rule, field });
      expect(e.message).toMatch(/instead|Remove it/);
      const lower = e.message.toLowerCase();
      for (const w of [slur, slur2, 'fuck', 'sh1t', 'sex', 'porn', 'rapist']) {
        if (rule !== 'artist_imitation' && rule !== 'trademark')
          expect(lower).not.toMatch(new RegExp(`\\b${w}\\b`));
      }
    }
    for (const w of HATE_WORDS) {
      expect(policyMessage({ rule: 'hate', field: 'lyrics' }).toLowerCase()).not.toContain(w);
    }
  });

  it('reads right for each field: "your lyrics contain", "your prompt contains"', () => {
    const rules = ['artist_imitation', 'trademark', 'sexual', 'hate', 'profanity'] as const;
    for (const rule of rules) {
      const lyrics = policyMessage({ rule, field: 'lyrics', name: 'X' });
      expect(lyrics, rule).toMatch(/^Your lyrics (contain|name) /);
      for (const field of ['prompt', 'title'] as const)
        expect(policyMessage({ rule, field, name: 'X' }), rule).toMatch(
          new RegExp(`^Your ${field} (contains|names) `),
        );
    }
    expect(policyMessage({ rule: 'sexual', field: 'lyrics' })).toBe(
      'Your lyrics contain sexual content, which our content policy does not allow. Remove it and try again.',
    );
  });

  it('checks prompt, title and lyrics; all clean passes', () => {
    expect(() =>
      checkContent({
        prompt: 'dusty lo-fi hip hop, rainy night',
        title: 'Rain',
        lyrics: 'drip drop on the window',
      }),
    ).not.toThrow();
    expect(() => checkContent({ prompt: 'dusty lo-fi', title: 'Ode to Adele' })).toThrow(
      /real artist \(Adele\)/,
    );
  });

  it('every listed name can be found in a plain sentence', () => {
    for (const a of ARTISTS) expect(findViolation('prompt', `a song like ${a} please`)?.name).toBe(a);
    for (const a of AMBIGUOUS_ARTISTS) expect(findViolation('prompt', `in the style of ${a}`)?.name).toBe(a);
    for (const f of FRANCHISES) {
      const v = findViolation('prompt', `theme music for ${f} fans`);
      expect(v?.rule, f).toBe('trademark');
    }
  });
});
