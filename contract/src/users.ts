import { z } from 'zod';
import { IsoDate, Text } from './common.ts';
import { Plan, PppBand } from './credits.ts';

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  plan: Plan,
  credits: z.number().int(),
  debt_credits: z.number().int(),
  ppp_band: PppBand,
  solidarity_opt_in: z.boolean(),
  trial_expires_at: IsoDate.nullable(),
  user_style_seed: z.string().describe('63-bit integer as a decimal string'),
  style_unlocks: z.array(z.string()),
  created_at: IsoDate,
});
export type Me = z.infer<typeof Me>;

export const PatchMeBody = z
  .strictObject({
    name: Text({ min: 1, max: 100 }).optional(),
    solidarity_opt_in: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

/**
 * One place the account is signed in (a session), as the person sees it in settings. The
 * session's token is never sent: the list is for reading and for ending a session by its id.
 */
export const SessionInfo = z.object({
  id: z.string(),
  /** The session of the request that asked. */
  current: z.boolean(),
  /** "Chrome 156 on Linux", from the browser's User-Agent at sign-in; null when it named nothing known. */
  device: z.string().nullable(),
  /** The client address at sign-in (as the server resolved it: forwarding headers only from trusted proxies). */
  ip_address: z.string().nullable(),
  created_at: IsoDate,
  /** When the session was last renewed (sessions renew at most once a day). */
  last_active_at: IsoDate,
  expires_at: IsoDate,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionList = z.object({ items: z.array(SessionInfo) });
export type SessionList = z.infer<typeof SessionList>;

/** Operator: a one-time link that lets a locked-out person set a new password (no mail server needed). */
export const AdminPasswordResetBody = z.strictObject({ email: z.string().min(3).max(320) });
export const AdminPasswordResetResponse = z.object({
  email: z.string(),
  /** Open it in a browser: /auth/reset with the token; single use. */
  url: z.string(),
  expires_at: IsoDate,
});
