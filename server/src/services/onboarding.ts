import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { series, users } from '../db/schema/index.ts';
import { applyCreditChange } from './credits.ts';
import { pppBandForCountry } from './ppp.ts';
import { styleFromSeed, userStyleSeed } from './style-seed.ts';

export interface OnboardingRules {
  trialCredits: number;
  trialDays: number;
}

/**
 * Gives a new user what sign-up promises, in one transaction: the style seed, the
 * trial (credits as one TRIAL ledger row, expiry date) and the default series.
 * Idempotent: it only acts while users.onboarded_at is null, under the row lock, so
 * calling it again (after a crash between sign-up and onboarding) is harmless.
 * The PPP band is fixed here from the sign-up request's trusted country (HIGH when
 * unknown); afterwards only an operator changes it.
 */
export async function onboardUser(
  db: Db,
  userId: string,
  rules: OnboardingRules,
  now = new Date(),
  signup: { country?: string | null } = {},
) {
  const country = signup.country?.trim().toUpperCase() ?? null;
  const validCountry = country && /^[A-Z]{2}$/.test(country) ? country : null;
  await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.onboardedAt)))
      .for('update');
    if (!locked[0]) return; // already onboarded (or no such user)
    const seed = userStyleSeed(userId);
    await tx
      .update(users)
      .set({
        userStyleSeed: seed,
        trialExpiresAt: new Date(now.getTime() + rules.trialDays * 86_400_000),
        onboardedAt: now,
        pppBand: pppBandForCountry(validCountry),
        signupCountry: validCountry,
      })
      .where(eq(users.id, userId));
    if (rules.trialCredits > 0) {
      await applyCreditChange(tx, {
        userId,
        amount: rules.trialCredits,
        reason: 'TRIAL',
        meta: { kind: 'signup', trial_days: rules.trialDays },
      });
    }
    const style = styleFromSeed(seed);
    await tx
      .insert(series)
      .values({ userId, number: 0, title: 'My Sound', slug: 'my-sound', isDefault: true, ...style })
      .onConflictDoNothing();
  });
}
