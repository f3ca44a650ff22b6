'use client';

import type {
  AnalyzeResponse,
  CancelJobResponse,
  CheckoutBody,
  CheckoutResponse,
  CostPreview,
  CreateSeriesBody,
  CreateTrackBody,
  CreateTrackResponse,
  CreditPacks,
  CreditsBalance,
  FileInfo,
  Job,
  JobEvent,
  LedgerPage,
  Me,
  PatchSeriesBody,
  QualityRefund,
  RegenerateVisualsResponse,
  Series,
  SeriesList,
  SessionList,
  StyleInfo,
  StyleList,
  Track,
  TrackList,
  UnlocksResponse,
} from '@soundfoundry/contract';
import { cancelledMessage } from '@soundfoundry/contract/constants';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { endedWithoutTrack, isFinal, pollInterval } from '../jobs/progress';
import { type BulkAction, runBulk } from '../library/bulk';
import { usePlayer } from '../player/store';
import { ApiError, apiFetch } from './client';
import { keys, type TracksParams, tracksPath } from './keys';

// TanStack Query hooks named as the spec lists them, typed from the contract.

type Out<T extends z.ZodType> = z.infer<T>;
export type TrackT = Out<typeof Track>;
export type JobT = Out<typeof Job>;
export type MeT = Out<typeof Me>;
export type FileInfoT = Out<typeof FileInfo>;
export type SessionInfoT = Out<typeof SessionList>['items'][number];

export { keys, type TracksParams };

const noRetryOn4xx = (count: number, err: Error) =>
  !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2;

export function useMe(enabled = true) {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => apiFetch<MeT>('/api/me'),
    retry: noRetryOn4xx,
    staleTime: 30_000,
    enabled,
  });
}

/** `enabled: false` until needed (the track page asks only when a refund is about to be offered). */
export function useCredits(enabled = true) {
  return useQuery({
    queryKey: keys.credits,
    queryFn: () => apiFetch<Out<typeof CreditsBalance>>('/api/credits'),
    refetchInterval: 30_000,
    retry: noRetryOn4xx,
    enabled,
  });
}

/** After a purchase: how often, and for how long, the balance is asked for until it changes. */
export const CHECKOUT_REFRESH_EVERY_MS = 2000;
export const CHECKOUT_REFRESH_FOR_MS = 60_000;

/**
 * Back from Stripe with ?checkout=success, the credits arrive with Stripe's webhook, seconds
 * later: the balance (and the header's, from /api/me) is refetched every 2 s until it differs
 * from the one first seen, or for 60 s at most. Without this the page kept the old balance for
 * its 30 s refetch interval and the header for longer.
 */
export function useRefreshAfterCheckout(active: boolean, balance: number | undefined) {
  const qc = useQueryClient();
  const [from, setFrom] = useState<number | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (active && from === null && balance !== undefined) setFrom(balance);
  }, [active, from, balance]);
  const arrived = from !== null && balance !== undefined && balance !== from;
  useEffect(() => {
    if (!active || gaveUp || arrived) return;
    const started = Date.now();
    const t = setInterval(() => {
      if (Date.now() - started >= CHECKOUT_REFRESH_FOR_MS) return setGaveUp(true);
      void qc.invalidateQueries({ queryKey: keys.credits });
      void qc.invalidateQueries({ queryKey: keys.me });
    }, CHECKOUT_REFRESH_EVERY_MS);
    return () => clearInterval(t);
  }, [active, gaveUp, arrived, qc]);
  useEffect(() => {
    // Once more for the header (its read may have crossed the webhook) and for the history's new row.
    if (!arrived) return;
    void qc.invalidateQueries({ queryKey: keys.me });
    void qc.invalidateQueries({ queryKey: ['ledger'] });
  }, [arrived, qc]);
}

export function useCostPreview(durationS: number) {
  return useQuery({
    queryKey: keys.cost(durationS),
    queryFn: () => apiFetch<Out<typeof CostPreview>>(`/api/credits/cost-preview?duration_s=${durationS}`),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: noRetryOn4xx,
  });
}

export function useTracks(p: TracksParams) {
  return useQuery({
    queryKey: keys.tracks(p),
    queryFn: () => apiFetch<Out<typeof TrackList>>(tracksPath(p)),
    placeholderData: keepPreviousData,
    retry: noRetryOn4xx,
  });
}

export function useTrack(id: string) {
  return useQuery({
    queryKey: keys.track(id),
    queryFn: () => apiFetch<TrackT>(`/api/tracks/${id}`),
    enabled: Boolean(id),
    retry: noRetryOn4xx,
  });
}

/**
 * A finished render is playable at once: the cached lists (and the track) are marked
 * COMPLETE as soon as the job's final event arrives, so the Play button shows without
 * waiting for the refetch below (until it lands, playing goes through the download
 * route, which needs no file URL). Measured under load, the refetch was 0.1–0.5 s of the
 * submit → playable time.
 */
export function markTrackComplete(qc: ReturnType<typeof useQueryClient>, trackId: string) {
  const done = (t: TrackT): TrackT =>
    t.id === trackId && t.status !== 'COMPLETE' ? { ...t, status: 'COMPLETE' } : t;
  qc.setQueriesData<Out<typeof TrackList>>({ queryKey: keys.tracks() }, (old) =>
    old ? { ...old, items: old.items.map(done) } : old,
  );
  qc.setQueryData<TrackT>(keys.track(trackId), (old) => (old ? done(old) : old));
}

function invalidateAfterJob(qc: ReturnType<typeof useQueryClient>, trackId?: string) {
  void qc.invalidateQueries({ queryKey: keys.tracks() });
  void qc.invalidateQueries({ queryKey: keys.credits });
  void qc.invalidateQueries({ queryKey: keys.me });
  if (trackId) void qc.invalidateQueries({ queryKey: keys.track(trackId) });
}

/**
 * Browsers allow about six HTTP/1.1 connections per host; an event stream holds one for
 * as long as it is open. A library full of rendering tracks must not take them all (every
 * other request would wait), so at most two jobs follow by SSE and the rest poll.
 */
export const MAX_EVENT_STREAMS = 2;
let openStreams = 0;
export function takeStreamSlot(): boolean {
  if (openStreams >= MAX_EVENT_STREAMS) return false;
  openStreams++;
  return true;
}
export function releaseStreamSlot() {
  openStreams = Math.max(0, openStreams - 1);
}

/**
 * A job's state: SSE events written into the query cache; while the stream is not
 * open, polling (2 s, then 5 s after 10 s). Works after a reload or in another tab:
 * it needs only the job id.
 */
export function useJob(jobId: string | null | undefined) {
  const qc = useQueryClient();
  const [sseOpen, setSseOpen] = useState(false);
  const since = useRef(Date.now());
  const query = useQuery({
    queryKey: keys.job(jobId ?? ''),
    queryFn: () => apiFetch<JobT>(`/api/jobs/${jobId}`),
    enabled: Boolean(jobId),
    retry: noRetryOn4xx,
    refetchInterval: (q) => pollInterval(q.state.data?.status, sseOpen, Date.now() - since.current),
  });
  const status = query.data?.status;
  const final = status ? isFinal(status) : false;

  useEffect(() => {
    if (!jobId || final || typeof EventSource === 'undefined') return;
    if (!takeStreamSlot()) return; // polling covers this job
    const es = new EventSource(`/api/jobs/${jobId}/events`);
    es.onopen = () => setSseOpen(true);
    es.onerror = () => setSseOpen(false); // the browser retries; polling covers the gap
    es.addEventListener('progress', (m) => {
      const e = JSON.parse((m as MessageEvent<string>).data) as JobEvent;
      qc.setQueryData<JobT>(keys.job(jobId), (old) =>
        old
          ? {
              ...old,
              status: e.status,
              progress: Math.max(old.progress, e.progress),
              eta: e.eta,
              error: endedWithoutTrack(e.status) ? (e.message ?? old.error) : old.error,
              updated_at: e.at,
            }
          : old,
      );
      if (isFinal(e.status)) {
        es.close();
        setSseOpen(false);
      }
    });
    return () => {
      es.close();
      releaseStreamSlot();
      setSseOpen(false);
    };
  }, [jobId, final, qc]);

  const trackId = query.data?.track_id;
  useEffect(() => {
    if (!final) return;
    if (status === 'COMPLETE' && trackId && query.data?.kind === 'generate-music')
      markTrackComplete(qc, trackId);
    invalidateAfterJob(qc, trackId ?? undefined);
  }, [final, status, qc, trackId, query.data?.kind]);

  return { ...query, sseOpen };
}

export function useCreateTrack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: CreateTrackBody; idempotencyKey: string }) =>
      apiFetch<Out<typeof CreateTrackResponse>>('/api/tracks', {
        body: v.body,
        headers: { 'idempotency-key': v.idempotencyKey },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.tracks() });
      void qc.invalidateQueries({ queryKey: keys.credits });
      void qc.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export function useAnalyzeReference() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return apiFetch<Out<typeof AnalyzeResponse>>('/api/analyze', { body: form, timeoutMs: 120_000 });
    },
  });
}

/** One of the person's own uploads (a reference track): its name, analysis and a signed URL. */
export function useFile(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.file(id ?? ''),
    queryFn: () => apiFetch<FileInfoT>(`/api/files/${id}`),
    enabled: Boolean(id),
    retry: noRetryOn4xx,
    // The signed URL lasts at least SIGNED_URL_TTL_SEC (an hour by default): no refetch on focus.
    staleTime: 10 * 60_000,
  });
}

function usePatchTrack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; public?: boolean; title?: string }) =>
      apiFetch<TrackT>(`/api/tracks/${v.id}`, {
        method: 'PATCH',
        body: {
          ...(v.public !== undefined ? { public: v.public } : {}),
          ...(v.title ? { title: v.title } : {}),
        },
      }),
    onSuccess: (t) => {
      qc.setQueryData(keys.track(t.id), (old: TrackT | undefined) =>
        old ? { ...old, ...t, plan: old.plan } : t,
      );
      void qc.invalidateQueries({ queryKey: keys.tracks() });
    },
  });
}

export const usePublishTrack = usePatchTrack;
export const useRenameTrack = usePatchTrack;

/** Tracks deleted in this tab: their page says so, whatever a cached render still holds. */
const deletedTracks = new Set<string>();
export const wasDeleted = (id: string) => deletedTracks.has(id);

export function useDeleteTrack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<null>(`/api/tracks/${id}`, { method: 'DELETE' }),
    onSuccess: (_r, id) => {
      usePlayer.getState().forget([id]);
      // Back to its page (the router's cache still holds it): the page says it was deleted.
      deletedTracks.add(id);
      qc.removeQueries({ queryKey: keys.track(id), exact: true });
      void qc.invalidateQueries({ queryKey: keys.tracks() });
      void qc.invalidateQueries({ queryKey: keys.credits });
    },
  });
}

/**
 * Cancels one's own track while it is queued or being made (POST /api/jobs/:id/cancel): the job
 * is CANCELLED at once with its final message, and the balance, lists and ledger are refetched.
 */
export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) =>
      apiFetch<Out<typeof CancelJobResponse>>(`/api/jobs/${jobId}/cancel`, { method: 'POST' }),
    onSuccess: (r) => {
      qc.setQueryData<JobT>(keys.job(r.job_id), (old) =>
        old
          ? {
              ...old,
              status: 'CANCELLED',
              eta: 0,
              error: cancelledMessage(r.credits_refunded),
            }
          : old,
      );
      invalidateAfterJob(qc, r.track_id ?? undefined);
      void qc.invalidateQueries({ queryKey: ['ledger'] });
    },
  });
}

export function useLedger(page: number) {
  return useQuery({
    queryKey: ['ledger', page],
    queryFn: () => apiFetch<Out<typeof LedgerPage>>(`/api/credits/ledger?page=${page}&limit=20`),
    retry: noRetryOn4xx,
  });
}

export type PacksT = Out<typeof CreditPacks>;
export type SeriesT = Out<typeof Series>;
export type UnlocksT = Out<typeof UnlocksResponse>;
export type StyleT = Out<typeof StyleInfo>;
export type QualityRefundT = Out<typeof QualityRefund>;

/** Packs at the caller's prices; signed out, `solidarity` asks for the solidarity prices. */
export function usePacks(solidarity?: boolean) {
  const qs = solidarity === undefined ? '' : `?solidarity=${solidarity}`;
  return useQuery({
    queryKey: ['packs', solidarity ?? 'own'],
    queryFn: () => apiFetch<PacksT>(`/api/credits/packs${qs}`),
    retry: noRetryOn4xx,
  });
}

export function useCheckout() {
  return useMutation({
    mutationFn: (body: Out<typeof CheckoutBody>) =>
      apiFetch<Out<typeof CheckoutResponse>>('/api/credits/checkout', { body }),
  });
}

export function useSeries() {
  return useQuery({
    queryKey: keys.series,
    queryFn: () => apiFetch<Out<typeof SeriesList>>('/api/style/series'),
    retry: noRetryOn4xx,
  });
}

export function useCreateSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSeriesBody) => apiFetch<SeriesT>('/api/style/series', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.series }),
  });
}

export function usePatchSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: PatchSeriesBody }) =>
      apiFetch<SeriesT>(`/api/style/series/${v.id}`, { method: 'PATCH', body: v.body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.series }),
  });
}

export function useDeleteSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<null>(`/api/style/series/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.series });
      void qc.invalidateQueries({ queryKey: keys.tracks() });
      void qc.invalidateQueries({ queryKey: ['track'] });
    },
  });
}

export function useStyleUnlocks() {
  return useQuery({
    queryKey: ['style-unlocks'],
    queryFn: () => apiFetch<UnlocksT>('/api/style/unlocks'),
    retry: noRetryOn4xx,
  });
}

export function useStyles() {
  return useQuery({
    queryKey: keys.styles,
    queryFn: () => apiFetch<Out<typeof StyleList>>('/api/styles'),
    retry: noRetryOn4xx,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Moves a track to another of the user's series. */
export function useMoveTrack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; series_id: string }) =>
      apiFetch<TrackT>(`/api/tracks/${v.id}`, { method: 'PATCH', body: { series_id: v.series_id } }),
    onSuccess: (t) => {
      qc.setQueryData(keys.track(t.id), (old: TrackT | undefined) =>
        old ? { ...old, ...t, plan: old.plan } : t,
      );
      void qc.invalidateQueries({ queryKey: keys.tracks() });
      void qc.invalidateQueries({ queryKey: keys.series });
    },
  });
}

/** Draws cover version n+1 (202 with the cover-art job to follow). */
export function useNewCover() {
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<Out<typeof RegenerateVisualsResponse>>(`/api/tracks/${id}/visuals`, { body: {} }),
  });
}

export function useRefundQuality() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<QualityRefundT>(`/api/tracks/${id}/refund-quality`, { body: {} }),
    // The track's record now carries the refund (quality_refund): refetched, whether this press
    // made it or another tab had (the 409 "already refunded").
    onSettled: (_r, _e, id) => void qc.invalidateQueries({ queryKey: keys.track(id) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.credits });
      void qc.invalidateQueries({ queryKey: keys.me });
      void qc.invalidateQueries({ queryKey: ['ledger'] });
    },
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { name?: string; solidarity_opt_in?: boolean }) =>
      apiFetch<MeT>('/api/me', { method: 'PATCH', body: b }),
    onSuccess: (me) => {
      qc.setQueryData(keys.me, me);
      // Solidarity changes the caller's prices.
      void qc.invalidateQueries({ queryKey: ['packs'] });
      void qc.invalidateQueries({ queryKey: keys.credits });
    },
  });
}

/** One action on many tracks (library multi-select), track by track over the API; see lib/library/bulk. */
export function useBulkTracks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, action }: { ids: string[]; action: BulkAction }) =>
      runBulk(ids, (id) =>
        action.kind === 'delete'
          ? apiFetch<null>(`/api/tracks/${id}`, { method: 'DELETE' })
          : apiFetch<TrackT>(`/api/tracks/${id}`, {
              method: 'PATCH',
              body: action.kind === 'move' ? { series_id: action.seriesId } : { public: action.public },
            }),
      ),
    onSettled: (_out, _err, { ids }) => {
      for (const id of ids) void qc.invalidateQueries({ queryKey: keys.track(id) });
      void qc.invalidateQueries({ queryKey: keys.tracks() });
      void qc.invalidateQueries({ queryKey: keys.series });
      void qc.invalidateQueries({ queryKey: keys.credits });
    },
  });
}

/** Where the account is signed in (settings), the current session marked. */
export function useSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: () => apiFetch<Out<typeof SessionList>>('/api/me/sessions'),
    retry: noRetryOn4xx,
  });
}

/** Signs one session out by id (another device); "everywhere else" goes through better-auth. */
export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } | 'others') =>
      v === 'others'
        ? apiFetch<unknown>('/api/auth/revoke-other-sessions', { body: {} })
        : apiFetch<null>(`/api/me/sessions/${v.id}`, { method: 'DELETE' }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.sessions }),
  });
}

/** better-auth's change-password; the server always ends the other sessions with it (api/auth.ts). */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      apiFetch<unknown>('/api/auth/change-password', { body: { ...v, revokeOtherSessions: true } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.sessions }),
  });
}

/** better-auth's delete-user, with the password (the server requires it); the session ends with it. */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: (password: string) => apiFetch<unknown>('/api/auth/delete-user', { body: { password } }),
  });
}
