// The one interface every music provider speaks (local engine, FAL.ai, Replicate).
// The pipeline (worker/jobs/generate-music.ts) tries them in MUSIC_PROVIDERS order.

export interface MusicRequest {
  prompt: string;
  durationS: number;
  seed: number;
  genre?: string;
  key?: string; // "F# minor"
  bpm?: number;
  styleStrength: number;
  hasVocals: boolean;
  lyrics?: string;
  reference?: { bpm?: number; tonic?: string; mode?: 'major' | 'minor'; energy?: number };
}

export interface MusicResult {
  mp3: Uint8Array;
  wav: Uint8Array | null;
  preview: Uint8Array | null; // 30 s MP3
  stemsZip: Uint8Array | null;
  midi: Uint8Array | null;
  plan: Record<string, unknown> | null;
  bpm: number | null;
  key: string | null;
  genre: string | null;
}

export interface ProviderCallOptions {
  /** Fraction 0..1 of the provider's own work. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface MusicProvider {
  readonly name: string;
  generate(request: MusicRequest, options?: ProviderCallOptions): Promise<MusicResult>;
  /** Cheap check for /health/providers. */
  health(): Promise<{ ok: boolean; detail?: string }>;
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
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
