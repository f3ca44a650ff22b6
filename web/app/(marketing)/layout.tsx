import { SitePage } from '@/components/site-chrome';

export default function MarketingLayout({ children }: { children: React.ReactNode }) {
  return <SitePage>{children}</SitePage>;
}
