// Deliverables from audio made elsewhere (a hosted model's file): decoded under limits,
// mastered to our loudness target and true-peak ceiling, encoded as our WAV, MP3 and
// 30 s preview, duration measured from the samples. Same mastering and encoders as
// our own renders, so every track in a library sounds equally loud.
import { decodeAudio } from './analyze/decode.ts';
import { AudioAnalysisError } from './analyze/errors.ts';
import { masterMix } from './master/master-mix.ts';
import { encodeMp3 } from './master/mp3.ts';
import { cutMp3 } from './master/mp3-cut.ts';
import { type WaveformPeaks, waveformPeaks } from './master/peaks.ts';
import { encodeWav16 } from './master/wav.ts';
import { PREVIEW_SEC } from './mixdown.ts';

export interface FinishedAudio {
  wav: Uint8Array;
  mp3: Uint8Array;
  previewMp3: Uint8Array;
  /** The mastered waveform for players (master/peaks.ts). */
  peaks: WaveformPeaks;
  durationSec: number;
  sampleRate: number;
  integratedLufs: number;
  truePeakDbtp: number;
}

export interface FinishAudioOptions {
  /** Refuse (TOO_LONG) past this many seconds. */
  maxDurationSec: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Decodes `bytes` (WAV, MP3, FLAC, OGG, Opus), masters and encodes it. Throws the
 * analyser's AudioAnalysisError (EMPTY, UNSUPPORTED_FORMAT, CORRUPT, TOO_LONG, TIMEOUT)
 * when the bytes are not audio we can read, or are silent.
 */
export async function finishExternalAudio(bytes: Uint8Array, o: FinishAudioOptions): Promise<FinishedAudio> {
  const decoded = await decodeAudio(bytes, {
    maxDurationSec: o.maxDurationSec,
    deadlineMs: performance.now() + (o.timeoutMs ?? 60_000),
    signal: o.signal,
  });
  const [first, second] = decoded.channels;
  if (!first || first.length === 0) throw new AudioAnalysisError('EMPTY', 'The audio has no samples.');
  const sampleRate = decoded.sampleRate;
  const durationSec = first.length / sampleRate;
  // Mono is played on both sides; more than two channels keep the front pair.
  const right = second ?? first;
  const fadeOutSec = Math.min(2, durationSec / 10);
  const mastered = masterMix(first, right, sampleRate, fadeOutSec);
  if (!Number.isFinite(mastered.integratedLufs))
    throw new AudioAnalysisError('CORRUPT', 'The audio is silent.');
  const peaks = waveformPeaks([mastered.left, mastered.right], sampleRate);
  const wav = encodeWav16([mastered.left, mastered.right], sampleRate, 1);
  // LAME resamples to 44.1 kHz when the model's rate differs.
  const mp3 = await encodeMp3(mastered.left, mastered.right, sampleRate);
  const previewMp3 =
    durationSec <= PREVIEW_SEC
      ? mp3
      : cutMp3(mp3, {
          // From a third in: past most intros, as our own previews start at the first chorus.
          startSec: Math.min(durationSec - PREVIEW_SEC, durationSec / 3),
          durationSec: PREVIEW_SEC,
          fadeInSec: 0.5,
          fadeOutSec: 2,
        });
  return {
    wav,
    mp3,
    previewMp3,
    peaks,
    durationSec,
    sampleRate,
    integratedLufs: mastered.integratedLufs,
    truePeakDbtp: mastered.truePeakDbtp,
  };
}
