import type { Metadata } from 'next';
import { LibraryView } from '@/components/tracks/library-view';

export const metadata: Metadata = { title: 'Library', robots: { index: false } };

export default function LibraryPage() {
  return <LibraryView />;
}
