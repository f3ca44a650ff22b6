import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/not-found-content';

export const metadata: Metadata = { title: 'Page not found' };

/** A 404 inside the app (a track that is gone): the layout holds the one <main id="main">. */
export default function AppNotFound() {
  return <NotFoundContent />;
}
