import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/not-found-content';
import { SitePage } from '@/components/site-chrome';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <SitePage>
      <NotFoundContent />
    </SitePage>
  );
}
