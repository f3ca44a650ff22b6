'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '@/lib/api/client';

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 10_000, refetchOnWindowFocus: true },
          // 'always': offline, a mutation is sent and fails at once with "Cannot reach
          // SoundFoundry…" (lib/api/client.ts). The default ('online') held it paused with no
          // word — Generate said "Starting…" — and sent it by itself when the connection came
          // back, after the person had pressed again: two tracks, charged twice.
          mutations: { retry: false, networkMode: 'always' },
        },
      }),
  );
  // Backend-free development: the mock API starts before any query runs (dead code otherwise).
  const [ready, setReady] = useState(process.env.NEXT_PUBLIC_USE_MSW !== 'true');
  useEffect(() => {
    if (process.env.NEXT_PUBLIC_USE_MSW !== 'true') return;
    void import('../mocks/browser').then(({ worker }) =>
      worker.start({ onUnhandledRequest: 'bypass' }).then(() => setReady(true)),
    );
  }, []);
  return <QueryClientProvider client={client}>{ready ? children : null}</QueryClientProvider>;
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
