import type { Metadata } from 'next';
import { SeriesView } from '@/components/series-view';

export const metadata: Metadata = { title: 'Series', robots: { index: false } };

export default function SeriesPage() {
  return <SeriesView />;
}
