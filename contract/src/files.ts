import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';

export const FILE_KINDS = ['REFERENCE', 'COVER', 'OTHER'] as const;

/** What the analyser reports about an uploaded reference (snake_case as stored). */
export const AudioAnalysis = z
  .object({
    format: z.string(),
    duration_s: z.number(),
    sample_rate: z.number().int(),
    channels: z.number().int(),
    bpm: z.number().nullable(),
    bpm_confidence: z.number(),
    /** Other metrical readings (half/double time …) with their share of the evidence; absent in analyses stored before it existed. */
    bpm_alternatives: z.array(z.object({ bpm: z.number(), weight: z.number() })).optional(),
    key: z.string().nullable(),
    mode: z.enum(['major', 'minor']).nullable(),
    key_confidence: z.number(),
    /** Other keys the evidence does not rule out (relative, parallel, a fifth away), with their share; absent in analyses stored before it existed. */
    key_alternatives: z
      .array(z.object({ key: z.string(), mode: z.enum(['major', 'minor']), weight: z.number() }))
      .optional(),
    camelot: z.string().nullable(),
    energy: z.number(),
    loudness_lufs: z.number().nullable(),
    loudness_range_lu: z.number().nullable(),
    true_peak_dbtp: z.number().nullable(),
  })
  .loose();

export const FileInfo = z.object({
  id: Uuid,
  kind: z.enum(FILE_KINDS),
  original_filename: z.string().nullable(),
  file_size: z.number().int(),
  content_type: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  url: z.string().nullable(),
  created_at: IsoDate,
});

export const AnalyzeResponse = z.object({ file_id: Uuid, metadata: AudioAnalysis });
