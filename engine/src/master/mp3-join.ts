// A track's MP3 from two encoders at once, one per thread, joined at a frame boundary into one
// stream a decoder cannot tell from a single encode. LAME is the longest serial step of a job
// (≈1 s for 60 s of stereo); split in two it takes half that on two cores.
//
// Why the join is exact where it matters:
// - Frame grids line up: the second encoder starts on a frame boundary of the first's input, and
//   both have the same encoder delay, so its frame j is the first's frame j + bStartFrame.
// - Its first WARM_FRAMES frames are dropped: by then its analysis filterbank and MDCT, which
//   depend only on the last few hundred input samples, hold what the first encoder's do.
// - The bit reservoir: a Layer III frame's main data may start up to 511 bytes before the frame,
//   in earlier frames' main-data areas (main_data_begin). The second stream's first kept frames
//   point into its own dropped frames, so those bytes are copied into the first stream's frames
//   before the seam, over bytes that belonged to the first stream's own dropped frames. A seam is
//   taken only where that space is free (after the last kept frame's own data) and where both
//   streams chose the same block type (long/short window) for the granule before it.
// - If no candidate seam qualifies (it has not happened on our tracks; each candidate passes
//   about half the time and there are eight) the caller encodes the track in one piece.
import {
  blockTypes,
  type Frame,
  mainDataBegin,
  mainDataBytes,
  mp3Frames,
  SAMPLES_PER_FRAME,
  SIDE_INFO_END,
} from './mp3-frames.ts';

/** Frames of the second stream dropped before its first seam candidate. */
const WARM_FRAMES = 6;
/** Seam candidates: consecutive frames from the nominal seam on. */
const CANDIDATES = 8;
/** Input the first encoder reads past the last candidate, so its frames there are not end frames. */
const A_MARGIN_FRAMES = 4;
/** Shorter tracks are encoded in one piece (the split saves little and needs a helper thread). */
const MIN_SPLIT_FRAMES = Math.ceil((20 * 44100) / SAMPLES_PER_FRAME);

export interface Mp3Split {
  /** The first encoder reads input samples [0, aEndSample). */
  aEndSample: number;
  /** The second encoder reads input samples [bStartSample, end); bStartSample = bStartFrame × 1152. */
  bStartSample: number;
  bStartFrame: number;
  /** The first seam candidate, a frame index of the first stream. */
  firstCandidate: number;
}

/** Where to split a track of `samples` input samples, or undefined to encode it in one piece. */
export function planMp3Split(samples: number): Mp3Split | undefined {
  const frames = Math.floor(samples / SAMPLES_PER_FRAME);
  if (frames < MIN_SPLIT_FRAMES) return undefined;
  // The second half gets the warm-up frames, the first the candidates and margin: about even.
  const firstCandidate = Math.floor(frames / 2) - (CANDIDATES + A_MARGIN_FRAMES - WARM_FRAMES) / 2;
  const bStartFrame = firstCandidate - WARM_FRAMES;
  const aEndFrame = firstCandidate + CANDIDATES + A_MARGIN_FRAMES;
  return {
    aEndSample: Math.min(samples, aEndFrame * SAMPLES_PER_FRAME),
    bStartSample: bStartFrame * SAMPLES_PER_FRAME,
    bStartFrame,
    firstCandidate,
  };
}

/** Main-data ("reservoir") coordinates: where each frame's main-data area starts, bytes from the stream start. */
function areaStarts(frames: readonly Frame[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const f of frames) {
    starts.push(at);
    at += f.length - SIDE_INFO_END;
  }
  return starts;
}

/** File offset of reservoir coordinate `coord`, which lies before frame `below`'s area. */
function offsetOf(frames: readonly Frame[], starts: readonly number[], coord: number, below: number): number {
  let f = below - 1;
  while (f > 0 && starts[f]! > coord) f--;
  return frames[f]!.offset + SIDE_INFO_END + (coord - starts[f]!);
}

/**
 * Joins the first encode `a` (of input [0, aEndSample)) and the second `b` (of input
 * [bStartSample, end)) into one stream, or returns undefined when no seam qualifies.
 */
export function joinMp3(a: Uint8Array, b: Uint8Array, split: Mp3Split): Uint8Array | undefined {
  const fa = mp3Frames(a).frames;
  const fb = mp3Frames(b).frames;
  const sa = areaStarts(fa);
  const sb = areaStarts(fb);
  for (let k = split.firstCandidate; k < split.firstCandidate + CANDIDATES; k++) {
    const j = k - split.bStartFrame;
    if (k < 1 || k >= fa.length || j < 1 || j + 3 >= fb.length) continue;
    // The same window shape on both sides of the seam: b's granule before it matches a's.
    if (blockTypes(a, fa[k - 1]!, 1) !== blockTypes(b, fb[j - 1]!, 1)) continue;
    // Bytes before b's frame j that b's kept frames read (frames after j could reach back too).
    let earliest = sb[j]! - mainDataBegin(b, fb[j]!);
    for (let t = j + 1; t <= j + 3; t++) earliest = Math.min(earliest, sb[t]! - mainDataBegin(b, fb[t]!));
    const needed = Math.max(0, sb[j]! - earliest);
    // Bytes before a's frame k that no kept frame of a uses: after frame k − 1's own data.
    const dataEndBeforeSeam = sa[k - 1]! - mainDataBegin(a, fa[k - 1]!) + mainDataBytes(a, fa[k - 1]!);
    const free = sa[k]! - dataEndBeforeSeam;
    if (needed > free || needed > sa[k]!) continue;
    const head = fa[k]!.offset;
    const out = new Uint8Array(head + (b.length - fb[j]!.offset));
    out.set(a.subarray(0, head));
    out.set(b.subarray(fb[j]!.offset), head);
    // The reservoir bytes b's frames expect before the seam, into a's free space there.
    for (let i = 0; i < needed; i++) {
      out[offsetOf(fa, sa, sa[k]! - needed + i, k)] = b[offsetOf(fb, sb, sb[j]! - needed + i, j)]!;
    }
    return out;
  }
  return undefined;
}
