import type { Metadata } from 'next';
import { SeriesView } from '@/components/series-view';

export const metadata: Metadata = { title: 'Series' };

export default function SeriesPage() {
  return <SeriesView />;
}
