import { KEYS, TONICS } from '@soundfoundry/contract/constants';

// The keys a reference offers, pure. A key can be heard more than one way (an Aeolian loop holds
// the same notes as its relative major), so the analyser returns its reading and the other keys
// the evidence allows; the form lets the person pick. The relative key is always offered, as half
// and double time are for the tempo: which of the two is "home" is often a matter of ear.

export type Key = (typeof KEYS)[number];

export interface KeyReading {
  key: Key;
  /** Why it is offered: the analyser's reading, another key it weighed, or the reading's relative. */
  kind: 'detected' | 'alternative' | 'relative';
  /** The analyser's share of the evidence for this key (alternatives only). */
  weight?: number;
}

const asKey = (tonic: string | null | undefined, mode: string | null | undefined): Key | null => {
  const k = `${tonic} ${mode}`;
  return (KEYS as readonly string[]).includes(k) ? (k as Key) : null;
};

/** The relative key: the same seven notes, a minor third apart (C major ↔ A minor). */
export function relativeKey(key: Key): Key {
  const [tonic, mode] = key.split(' ') as [(typeof TONICS)[number], 'major' | 'minor'];
  const pc = TONICS.indexOf(tonic);
  return mode === 'major' ? `${TONICS[(pc + 9) % 12]!} minor` : `${TONICS[(pc + 3) % 12]!} major`;
}

/** The analyser's key first, then the other keys it weighed (strongest first), then the relative; each once. */
export function keyReadings(
  tonic: string | null | undefined,
  mode: string | null | undefined,
  alternatives: readonly { key: string; mode: string; weight: number }[] = [],
): KeyReading[] {
  const detected = asKey(tonic, mode);
  if (!detected) return [];
  const out: KeyReading[] = [{ key: detected, kind: 'detected' }];
  for (const a of [...alternatives].sort((x, y) => y.weight - x.weight)) {
    const key = asKey(a.key, a.mode);
    if (key && !out.some((o) => o.key === key)) out.push({ key, kind: 'alternative', weight: a.weight });
  }
  const relative = relativeKey(detected);
  if (!out.some((o) => o.key === relative)) out.push({ key: relative, kind: 'relative' });
  return out;
}

/** The button's words: "A minor · heard", "C major · 34 % likely", "C major · relative". */
export function keyReadingLabel(r: KeyReading): string {
  switch (r.kind) {
    case 'detected':
      return `${r.key} · heard`;
    case 'alternative':
      return `${r.key} · ${Math.round((r.weight ?? 0) * 100)} % likely`;
    case 'relative':
      return `${r.key} · relative`;
  }
}
