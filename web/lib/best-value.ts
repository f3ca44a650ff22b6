/** How much cheaper per credit a pack must be than every other one to be called the best value. */
export const BEST_VALUE_MIN_SAVING = 0.01;

/**
 * The pack that is the best value per credit, computed from the packs shown: its price per
 * credit is at least 1 % below every other pack's. Null when no pack is (packs priced
 * linearly, credits × one price per credit, are all the same value: none is singled out).
 */
export function bestValuePack<P extends { credits: number; price_cents: number }>(packs: P[]): P | null {
  if (packs.length < 2) return null;
  const perCredit = (p: P) => p.price_cents / p.credits;
  const best = packs.reduce((a, b) => (perCredit(b) < perCredit(a) ? b : a));
  const others = packs.filter((p) => p !== best);
  return others.every((p) => perCredit(best) <= perCredit(p) * (1 - BEST_VALUE_MIN_SAVING)) ? best : null;
}
