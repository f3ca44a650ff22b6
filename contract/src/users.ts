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
