// Who plays: the style's instruments by role, replaced by the instruments the prompt names, or —
// for an exclusive ensemble (a string quartet, "solo cello", "piano and cello duet") — exactly
// those players and nobody else.
import type { InstrumentWord } from './instruments.ts';
import { rangeOf } from './instruments.ts';
import type { PromptHints } from './prompt.ts';
import type { ResolvedStyle } from './styles.ts';

export interface Ensemble {
  /** Percussion kit program, or null for no drums at all. */
  drumKit: number | null;
  bass: number | null;
  comp: number | null;
  pad: number | null;
  lead: number | null;
  vocal: number;
  /** Extra pitched percussion a prompt names (taiko, timpani). */
  perc: number | null;
  exclusive: boolean;
}

const VOICE_PROGRAMS = [52, 53, 54, 85, 91];

export function chooseEnsemble(style: ResolvedStyle, hints: PromptHints): Ensemble {
  const { def, programs, profile } = style;
  const perc = hints.named.find((i) => i.role === 'perc')?.program ?? null;
  const styleDrums = profile.drumStyle !== 'none';
  if (hints.exclusive && !def.exclusive) return promptEnsemble(hints.named, hints, style, perc);
  if (def.exclusive) {
    // The style's own players; prompt instruments only where they already belong.
    return {
      drumKit: styleDrums && !hints.noDrums ? (hints.instruments.drumKit ?? profile.drumKit) : null,
      bass: programs.bass,
      comp: programs.comp,
      pad: programs.pad,
      lead: programs.lead,
      vocal: programs.vocal,
      perc: null,
      exclusive: true,
    };
  }
  const e: Ensemble = {
    drumKit: styleDrums && !hints.noDrums ? (hints.instruments.drumKit ?? profile.drumKit) : null,
    bass: programs.bass,
    comp: programs.comp,
    pad: programs.pad,
    lead: programs.lead,
    vocal: programs.vocal,
    perc,
    exclusive: false,
  };
  // Named instruments replace the style's default for their role; a second one of a role takes
  // the next free harmonic role (a second lead plays the pad line, a second chord instrument too).
  const replaced = new Set<string>();
  for (const inst of hints.named) {
    if (inst.role === 'perc') continue;
    const order: ('lead' | 'comp' | 'pad' | 'bass')[] =
      inst.role === 'lead'
        ? ['lead', 'pad', 'comp']
        : inst.role === 'comp'
          ? ['comp', 'pad', 'lead']
          : inst.role === 'pad'
            ? ['pad', 'comp']
            : ['bass'];
    const slot = order.find((r) => !replaced.has(r));
    if (!slot) continue;
    e[slot] = inst.program;
    replaced.add(slot);
  }
  if (hints.noVocals && e.lead !== null && VOICE_PROGRAMS.includes(e.lead)) e.lead = 73;
  return e;
}

/** Exactly the instruments the prompt names: the melody on the first line instrument, chords and
 *  bass on a chordal one, a second line instrument on the sustained part. */
function promptEnsemble(
  named: InstrumentWord[],
  hints: PromptHints,
  style: ResolvedStyle,
  perc: number | null,
): Ensemble {
  const pitched = named.filter((i) => i.role !== 'perc');
  const poly = pitched.find((i) => i.poly);
  const lines = pitched.filter((i) => !i.poly && i.role !== 'bass');
  const bassInst = pitched.find((i) => i.role === 'bass');
  const lead = lines[0] ?? poly ?? pitched[0] ?? null;
  const second = lines.find((i) => i !== lead);
  const low = bassInst ?? poly ?? (second && (rangeOf(second.program)?.[0] ?? 99) <= 48 ? second : undefined);
  return {
    drumKit: hints.drumsNamed ? (hints.instruments.drumKit ?? style.profile.drumKit) : null,
    bass: low?.program ?? null,
    comp: poly?.program ?? null,
    pad: second && second !== low ? second.program : null,
    lead: lead?.program ?? null,
    vocal: style.programs.vocal,
    perc,
    exclusive: true,
  };
}
