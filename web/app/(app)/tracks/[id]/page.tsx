import type { Metadata } from 'next';
import { TrackView } from '@/components/tracks/track-view';

export const metadata: Metadata = { title: 'Track', robots: { index: false } };

export default async function TrackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TrackView id={id} />;
}
