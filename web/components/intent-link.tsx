'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * A Link that prefetches on intent (pointer over it, keyboard focus, touch) instead of
 * when it scrolls into view. App pages show many links at once (two navs, the header's
 * balance and avatar, a link per track card): viewport prefetch fetched every one of
 * those routes and their code while the page itself was still loading. Hover comes a
 * few hundred milliseconds before a click, which is enough for the route to arrive.
 */
export function IntentLink({
  href,
  onMouseEnter,
  onFocus,
  onTouchStart,
  ...rest
}: ComponentProps<typeof Link>) {
  const router = useRouter();
  const prefetch = () => {
    if (typeof href === 'string') router.prefetch(href);
  };
  return (
    <Link
      {...rest}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        onMouseEnter?.(e);
        prefetch();
      }}
      onFocus={(e) => {
        onFocus?.(e);
        prefetch();
      }}
      onTouchStart={(e) => {
        onTouchStart?.(e);
        prefetch();
      }}
    />
  );
}
