import { coverArt } from './jobs/cover-art.ts';
import { generateMusic } from './jobs/generate-music.ts';
import { trialLapse } from './jobs/trial-lapse.ts';
import type { AnyJobKind } from './registry.ts';

/**
 * Every job kind this build runs. Add a kind: write `jobs/<kind>.ts` with
 * defineJobKind and list it here (worker/README.md).
 */
export const JOB_KINDS: readonly AnyJobKind[] = [generateMusic, trialLapse, coverArt];
