'use client';

import dynamic from 'next/dynamic';
import { hasPeaks, type Peaks } from '@/lib/player/peaks';
import { useIdle } from '@/lib/use-idle';
import { PeaksWave } from './peaks-wave';

const WAVE_PLACEHOLDER = <div className="h-24 animate-pulse rounded-lg bg-surface-2" />;
// Tracks stored before peaks existed: wavesurfer downloads and decodes the file. It loads only
// for those, once the browser is idle after the page itself.
const DecodedWave = dynamic(() => import('./waveform'), { ssr: false, loading: () => WAVE_PLACEHOLDER });

/** A track's waveform, seeking the shared player: drawn from its peaks, else decoded from `url`. */
export function TrackWave({
  trackId,
  url,
  peaks,
  onSeek,
  label,
}: {
  trackId: string;
  url: string;
  peaks?: Peaks | null;
  onSeek: (seconds: number) => void;
  /** Makes the waveform a keyboard slider under this name (where no other seek control is near). */
  label?: string;
}) {
  const idle = useIdle();
  if (hasPeaks(peaks)) return <PeaksWave trackId={trackId} peaks={peaks} onSeek={onSeek} label={label} />;
  return idle ? <DecodedWave trackId={trackId} url={url} onSeek={onSeek} /> : WAVE_PLACEHOLDER;
}

export { WAVE_PLACEHOLDER };
