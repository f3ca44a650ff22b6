import { type NextRequest, NextResponse } from 'next/server';
import { isProtected } from './lib/routes';
import { SESSION_COOKIES } from './lib/session';

// Signed-out visits to app pages go to sign-in and come back afterwards. Only the
// cookie's presence is checked here (cheap); a stale session is caught by the page's
// first API call.

export function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  if (!isProtected(path)) return NextResponse.next();
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = '/auth/signin';
  url.search = `?next=${encodeURIComponent(path + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: [
    '/create/:path*',
    '/library/:path*',
    '/tracks/:path*',
    '/series/:path*',
    '/credits/:path*',
    '/settings/:path*',
  ],
};
