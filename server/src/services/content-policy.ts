import {
  englishDataset,
  englishRecommendedTransformers,
  RegExpMatcher,
  resolveConfusablesTransformer,
} from 'obscenity';
import {
  AMBIGUOUS_ARTISTS,
  ARTISTS,
  EXTRA_WHITELIST,
  FRANCHISES,
  HATE_WORDS,
  IMITATION_CUES,
  SEXUAL_WORDS,
  TRAILING_IMITATION_CUES,
} from './content-policy-lists.ts';
import { AppError } from './errors.ts';

// ContentPolicyService (DESIGN.md §4): refuses prompts, lyrics and titles that
// imitate a named real artist, use a trademarked franchise, or carry sexual
// content, hate or (outside lyrics) profanity. Pure and synchronous; it runs
// before anything is charged.
//
// Every check reads the text unmasked first: invisible characters (zero-width spaces,
// joiners, soft hyphens, bidi controls) removed and letters of other scripts that imitate
// Latin ones (Cyrillic "а" in "Tаylor") read as those (obscenity's confusables table).
// Names are matched as whole words over a normalised text (case, accents,
// punctuation, common letter/digit swaps such as "t4yl0r sw1ft"), so "Scunthorpe"
// or "assassin" never trip a rule; a name spelled out letter by letter ("T-a-y-l-o-r
// S-w-i-f-t", "S t a r W a r s") is found inside the run of single letters. Offensive words are found by `obscenity`'s
// maintained English dataset and its transformers (leetspeak, confusables,
// repeated letters), with its whitelist of innocent words plus ours. A refusal
// names the rule and what to change; it repeats an artist's or franchise's name
// but never the offending word itself.

export type PolicyRule = 'artist_imitation' | 'trademark' | 'sexual' | 'hate' | 'profanity';
export type PolicyField = 'prompt' | 'lyrics' | 'title';

export interface PolicyViolation {
  rule: PolicyRule;
  field: PolicyField;
  /** The artist or franchise as our list spells it (never set for offensive words). */
  name?: string;
}

/** What a digit or symbol may stand for in an obfuscated name. */
const LOOKALIKE: Record<string, string> = {
  '4': 'a',
  '@': 'a',
  '3': 'e',
  '1': 'il',
  '!': 'i',
  '|': 'il',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/** Characters that show nothing (format controls, default-ignorables): they can split a word unseen. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const CONFUSABLES = resolveConfusablesTransformer();

/** The text as a reader sees it: invisible characters gone, look-alike letters read as Latin. */
export function unmasked(text: string): string {
  const visible = text.normalize('NFKC').replace(INVISIBLE, '');
  let out = '';
  for (const ch of visible) {
    const cp = ch.codePointAt(0)!;
    // Only non-ASCII characters can be look-alikes; ASCII stays as written (the name
    // matcher reads digits as letters itself, and lower-cases later).
    const mapped = cp < 0x80 ? undefined : (CONFUSABLES.transform(cp) as number | undefined);
    out += mapped === undefined ? ch : String.fromCodePoint(mapped);
  }
  return out;
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text: letters, digits and the look-alike symbols; "!" only inside a word. */
export function tokens(text: string): string[] {
  return (fold(text).match(/[a-z0-9@$!|]+/g) ?? []).map((t) => t.replace(/!+$/, '')).filter(Boolean);
}

function sameWord(written: string, listed: string): boolean {
  if (written.length !== listed.length) return false;
  for (let i = 0; i < written.length; i++) {
    const w = written[i]!;
    const l = listed[i]!;
    if (w !== l && !LOOKALIKE[w]?.includes(l)) return false;
  }
  return true;
}

interface Entry {
  name: string;
  words: string[];
  joined: string;
}
const entry = (name: string): Entry => {
  const words = (fold(name).match(/[a-z0-9]+/g) ?? []) as string[];
  return { name, words, joined: words.join('') };
};
/**
 * Entries by the word they can start with (a name's first word, or all its words run together),
 * two ways, both built once at module load:
 * - `exact`: by the word itself. A token of letters only matches a listed word only when it is
 *   that word (look-alikes are digits and symbols), so one Map lookup finds its candidates.
 * - `byLength`: by the word's length, for the rare token holding a digit or symbol, compared
 *   letter by letter with its look-alikes ("t4yl0r").
 * Both keep the list's order, so the first name found is the same either way.
 */
interface NameIndex {
  exact: Map<string, Entry[]>;
  byLength: Map<number, Entry[]>;
}
function buildIndex(entries: Entry[]): NameIndex {
  const exact = new Map<string, Entry[]>();
  const byLength = new Map<number, Entry[]>();
  const add = <K>(m: Map<K, Entry[]>, key: K, e: Entry) => {
    const list = m.get(key) ?? [];
    if (!list.includes(e)) list.push(e);
    m.set(key, list);
  };
  for (const e of entries) {
    add(byLength, e.words[0]!.length, e);
    if (e.words.length > 1) add(byLength, e.joined.length, e);
  }
  for (const list of byLength.values()) {
    for (const e of list) {
      add(exact, e.words[0]!, e);
      if (e.words.length > 1) add(exact, e.joined, e);
    }
  }
  return { exact, byLength };
}
const ARTIST_INDEX = buildIndex(ARTISTS.map(entry));
const AMBIGUOUS_INDEX = buildIndex(AMBIGUOUS_ARTISTS.map(entry));
const FRANCHISE_INDEX = buildIndex(FRANCHISES.map(entry));
/** Imitation cues by their first word ("style of" under "style"). */
const CUES_BY_FIRST = new Map<string, string[][]>();
for (const c of IMITATION_CUES) {
  const words = entry(c).words;
  CUES_BY_FIRST.set(words[0]!, [...(CUES_BY_FIRST.get(words[0]!) ?? []), words]);
}

/** True when a token is letters only (no look-alike digit or symbol in it). */
const LETTERS = /^[a-z]+$/;

/** Does `entry` start at word i (as its words, or all run together: "taylorswift", "acdc")? Returns words used. */
function matchAt(ws: string[], i: number, e: Entry): number {
  const { words } = e;
  let k = 0;
  while (k < words.length && ws[i + k] !== undefined && sameWord(ws[i + k]!, words[k]!)) k++;
  if (k === words.length) return words.length;
  if (words.length > 1 && sameWord(ws[i]!, e.joined)) return 1;
  return 0;
}

/** The listed name starting at word i, with how many words it took ("green day" 2, "greenday" 1). */
function nameSpanAt(ws: string[], i: number, idx: NameIndex): { name: string; used: number } | null {
  const w = ws[i]!;
  const candidates = LETTERS.test(w) ? idx.exact.get(w) : idx.byLength.get(w.length);
  for (const e of candidates ?? []) {
    const used = matchAt(ws, i, e);
    if (used) return { name: e.name, used };
  }
  return null;
}

function nameAt(ws: string[], i: number, idx: NameIndex): string | null {
  return nameSpanAt(ws, i, idx)?.name ?? null;
}

function findName(ws: string[], idx: NameIndex): string | null {
  for (let i = 0; i < ws.length; i++) {
    const name = nameAt(ws, i, idx);
    if (name) return name;
  }
  return null;
}

/** Names long enough to be found spelled out (short ones would turn up by chance in a run of letters). */
const SPELLED_MIN = 5;
const spelledEntries = (names: readonly string[]) =>
  names.map(entry).filter((e) => e.joined.length >= SPELLED_MIN);
const ARTISTS_SPELLED = spelledEntries(ARTISTS);
const FRANCHISES_SPELLED = spelledEntries(FRANCHISES);

/**
 * A name spelled out letter by letter: a run of one-character words ("t a y l o r s w i f t",
 * from "T-a-y-l-o-r S-w-i-f-t") read as one word, and the name looked for inside it.
 */
function findSpelledOut(ws: string[], entries: readonly Entry[]): string | null {
  for (let i = 0; i < ws.length; ) {
    let j = i;
    while (j < ws.length && ws[j]!.length === 1) j++;
    if (j - i >= SPELLED_MIN) {
      const run = ws.slice(i, j).join('');
      for (const e of entries) if (run.includes(e.joined)) return e.name;
    }
    i = j > i ? j : i + 1;
  }
  return null;
}

const TRAILING_CUES = TRAILING_IMITATION_CUES.map((c) => entry(c).words);
const trailingCueAt = (ws: string[], i: number) =>
  TRAILING_CUES.some((cue) => cue.every((w, k) => ws[i + k] === w));

/**
 * An ambiguous artist ("Queen", "Drake", "Nirvana") counts only next to an imitation cue: right
 * after one (optionally "the": "in the style of the Eagles") or right before one ("Drake-style").
 */
function findCuedName(ws: string[], idx: NameIndex): string | null {
  for (let i = 0; i < ws.length; i++) {
    const span = nameSpanAt(ws, i, idx);
    if (span && trailingCueAt(ws, i + span.used)) return span.name;
  }
  for (let i = 0; i < ws.length; i++) {
    const cues = CUES_BY_FIRST.get(ws[i]!);
    if (!cues) continue;
    for (const cue of cues) {
      let k = 1;
      while (k < cue.length && ws[i + k] === cue[k]) k++;
      if (k < cue.length) continue;
      let j = i + cue.length;
      if (ws[j] === 'the') j++;
      const name = ws[j] === undefined ? null : nameAt(ws, j, idx);
      if (name) return name;
    }
  }
  return null;
}

// Built on first use (≈0.1–0.3 s): processes that never check a text (CLI, workers) skip it.
let matcher: RegExpMatcher | null = null;
function offensiveMatcher(): RegExpMatcher {
  if (!matcher) {
    const dataset = englishDataset.build();
    matcher = new RegExpMatcher({
      ...dataset,
      whitelistedTerms: [...(dataset.whitelistedTerms ?? []), ...EXTRA_WHITELIST],
      ...englishRecommendedTransformers,
    });
  }
  return matcher;
}

function offensiveRules(text: string): Set<PolicyRule> {
  const found = new Set<PolicyRule>();
  for (const m of offensiveMatcher().getAllMatches(text)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '';
    found.add(HATE_WORDS.has(word) ? 'hate' : SEXUAL_WORDS.has(word) ? 'sexual' : 'profanity');
  }
  return found;
}

/** The first rule a field's text breaks, most serious first; null when it is fine. */
export function findViolation(field: PolicyField, written: string): PolicyViolation | null {
  if (!written) return null;
  const text = unmasked(written);
  const offensive = offensiveRules(text);
  if (offensive.has('hate')) return { rule: 'hate', field };
  if (offensive.has('sexual')) return { rule: 'sexual', field };
  const ws = tokens(text);
  const artist =
    findName(ws, ARTIST_INDEX) ?? findCuedName(ws, AMBIGUOUS_INDEX) ?? findSpelledOut(ws, ARTISTS_SPELLED);
  if (artist) return { rule: 'artist_imitation', field, name: artist };
  const franchise = findName(ws, FRANCHISE_INDEX) ?? findSpelledOut(ws, FRANCHISES_SPELLED);
  if (franchise) return { rule: 'trademark', field, name: franchise };
  // Lyrics may swear (many genres do); prompts and titles, shown on public pages, may not.
  if (offensive.has('profanity') && field !== 'lyrics') return { rule: 'profanity', field };
  return null;
}

const FIELD_WORD: Record<PolicyField, string> = { prompt: 'prompt', lyrics: 'lyrics', title: 'title' };

export function policyMessage(v: PolicyViolation): string {
  const f = FIELD_WORD[v.field];
  // "Your lyrics contain", "your prompt contains": the verb agrees with the field's word.
  const s = v.field === 'lyrics' ? '' : 's';
  switch (v.rule) {
    case 'artist_imitation':
      return `Your ${f} name${s} a real artist (${v.name}). We don't imitate real artists' voices or styles: describe the sound instead (genre, mood, instruments, tempo, era).`;
    case 'trademark':
      return `Your ${f} name${s} a trademarked franchise (${v.name}). Describe the mood, setting or story in your own words instead.`;
    case 'sexual':
      return `Your ${f} contain${s} sexual content, which our content policy does not allow. Remove it and try again.`;
    case 'hate':
      return `Your ${f} contain${s} a slur or hateful term, which our content policy does not allow. Remove it and try again.`;
    case 'profanity':
      return `Your ${f} contain${s} profanity. Remove it from the ${f} (lyrics may contain it; prompts and titles may not).`;
  }
}

/** Throws the 422 CONTENT_POLICY error for the first field that breaks a rule. */
export function checkContent(fields: {
  prompt?: string | null;
  title?: string | null;
  lyrics?: string | null;
}) {
  for (const field of ['prompt', 'title', 'lyrics'] as const) {
    const text = fields[field];
    if (!text) continue;
    const v = findViolation(field, text);
    if (v) {
      throw new AppError(422, 'CONTENT_POLICY', policyMessage(v), {
        rule: v.rule,
        field: v.field,
        ...(v.name ? { name: v.name } : {}),
      });
    }
  }
}
