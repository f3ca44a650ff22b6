// The one interface every music provider speaks (local engine, FAL.ai, Replicate).
// The pipeline (worker/jobs/generate-music.ts) tries them in MUSIC_PROVIDERS order.

export interface MusicRequest {
  prompt: string;
  durationS: number;
  seed: number;
  genre?: string;
  /** A style id of the engine's vocabulary (checked at creation); hosted models get its name in the prompt. */
  style?: string;
  key?: string; // "F# minor"
  bpm?: number;
  styleStrength: number;
  hasVocals: boolean;
  lyrics?: string;
  reference?: { bpm?: number; tonic?: string; mode?: 'major' | 'minor'; energy?: number };
  /** The reference recording as a short-lived signed URL (for models that take audio). */
  referenceUrl?: string;
}

export interface MusicResult {
  mp3: Uint8Array;
  wav: Uint8Array | null;
  preview: Uint8Array | null; // 30 s MP3
  stemsZip: Uint8Array | null;
  midi: Uint8Array | null;
  plan: Record<string, unknown> | null;
  /** The mastered waveform (engine master/peaks.ts: ≤1000 buckets, 0..255); null if not computed. */
  peaks?: { durationSec: number; levels: number[] } | null;
  bpm: number | null;
  key: string | null;
  genre: string | null;
  /**
   * The style id of GET /api/styles the music was made in, when the provider knows it (the local
   * engine's plan); hosted models read the prompt themselves and say nothing of it.
   */
  style?: string | null;
  /** Measured from the delivered audio (hosted models choose their own length). */
  durationS?: number;
}

/**
 * A request submitted to a hosted provider, as much as another process needs to find it again
 * (jobs.provider_request): its id, the model it was sent to, and which of our keys sent it — a
 * fingerprint, never the key (a request belongs to the account that made it).
 */
export interface HostedRequestRef {
  provider: string;
  /** FAL's request_id, Replicate's prediction id. */
  id: string;
  /** FAL: the endpoint id its status/result/cancel URLs are built from; Replicate: the model label. */
  model: string;
  /** hostedKeyFingerprint() of the key or token that submitted it. */
  key: string;
  /** ISO time of the submission: a resumed wait's progress and ETA go on from there. */
  submittedAt: string;
}

export interface ProviderCallOptions {
  /** Fraction 0..1 of the provider's own work. */
  onProgress?: (fraction: number) => void;
  /** Where the request stands at the provider (its queue position, while it waits). */
  onStatus?: (s: { queuePosition?: number; message?: string }) => void;
  signal?: AbortSignal;
  /**
   * A request an earlier run submitted (hosted providers): polled instead of submitting again if the
   * provider still has it (queued, running or done); failed, cancelled, expired or unknown → a new one.
   */
  resume?: HostedRequestRef | null;
  /**
   * Called (awaited) once a hosted request exists (submitted, or found again on `resume`), before
   * waiting on it: the caller records it so another process can resume it.
   */
  onSubmitted?: (ref: HostedRequestRef) => Promise<void>;
  /**
   * Asked when `signal` aborts: true leaves the hosted request running (someone resumes it: a worker
   * shutdown hands it to the next worker), false cancels it (the default: nobody will collect it).
   */
  leaveRunning?: (ref: HostedRequestRef) => Promise<boolean>;
}

/** What a provider can do; the chain skips providers lacking what a request needs. */
export interface ProviderCapabilities {
  maxDurationS: number;
  /** Sings given lyrics. */
  lyrics: boolean;
  /** Can make a track without vocals. */
  instrumental: boolean;
  /** Takes a reference recording (melody/continuation, or our analysis of it). */
  referenceAudio: boolean;
  /** Returns separate stems. */
  stems: boolean;
  /** Same seed, same result. */
  seed: boolean;
}

export interface MusicProvider {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  generate(request: MusicRequest, options?: ProviderCallOptions): Promise<MusicResult>;
  /** Cheap check for /health/providers. */
  health(): Promise<{ ok: boolean; detail?: string }>;
  /**
   * Optional: get ready for the first job before it arrives (the local engine starts a thread,
   * parses its soundfont and decodes the samples jobs play). Called in the background by a
   * process that runs jobs; a failure only means the first job pays for it.
   */
  warm?(): Promise<void>;
  /**
   * Hosted providers: cancels a request recorded by `onSubmitted` (a deleted job's, whose worker is
   * gone). Best effort, never throws; a request made with a key this process lacks is left alone.
   */
  cancelRequest?(ref: HostedRequestRef): Promise<void>;
  close(): Promise<void>;
}

/**
 * A provider failure. `retryable` says whether another attempt (or the next
 * provider) may succeed; a permanent one (invalid parameters) fails the job at once.
 */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    /** The provider asked us to wait this long (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
