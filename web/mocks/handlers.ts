import type { CreditsBalance } from '@soundfoundry/contract';
import { cancelledMessage, GENRES } from '@soundfoundry/contract/constants';
import { HttpResponse, http } from 'msw';
import type { JobT, MeT, PacksT, SeriesT, TrackT, UnlocksT } from '../lib/api/hooks';
import { simulatedJob } from './simulate';

// The API, mocked for backend-free development (NEXT_PUBLIC_USE_MSW=true): a signed-in
// user with trial credits; created tracks progress through their steps over a few seconds.

const now = () => new Date().toISOString();
let credits = 400;
/** `cancelled`: the words of a cancel (POST /api/jobs/:id/cancel), which stops the simulation. */
const tracks = new Map<string, { track: TrackT; startedAt: number; cancelled?: string }>();
const me = (): MeT => ({
  id: 'mock-user',
  email: 'you@example.com',
  name: 'You',
  plan: 'FREE',
  credits,
  debt_credits: 0,
  ppp_band: 'HIGH',
  solidarity_opt_in: false,
  trial_expires_at: new Date(Date.now() + 30 * 864e5).toISOString(),
  user_style_seed: '42',
  style_unlocks: [],
  created_at: now(),
});

function current(id: string): TrackT | null {
  const e = tracks.get(id);
  if (!e) return null;
  if (e.cancelled) return { ...e.track, status: 'CANCELLED', error_message: e.cancelled };
  const j = simulatedJob(e.startedAt, Date.now(), e.track.duration_s);
  const done = j.status === 'COMPLETE';
  return {
    ...e.track,
    status: j.status,
    // The style it was made in: the asked one, else (here) its genre's own.
    resolved_style: done ? (e.track.style ?? e.track.genre) : null,
    file_url: done ? '/mock-audio.mp3' : null,
    files: { ...e.track.files, mp3: done ? '/mock-audio.mp3' : null },
  };
}

function job(id: string): JobT | null {
  const e = [...tracks.values()].find((x) => x.track.job_id === id);
  if (!e) return null;
  const j = e.cancelled
    ? { status: 'CANCELLED' as const, progress: 0, eta: null }
    : simulatedJob(e.startedAt, Date.now(), e.track.duration_s);
  return {
    id,
    kind: 'generate-music',
    track_id: e.track.id,
    ...j,
    error: e.cancelled ?? null,
    attempts: 1,
    provider: 'mock',
    created_at: e.track.created_at,
    updated_at: now(),
  };
}

// The style and economy endpoints, in the contract's shapes (prices as README "Money and credits").
const balance = (): CreditsBalance => ({
  balance: credits,
  plan: 'FREE',
  trial_expires_at: me().trial_expires_at,
  debt_credits: 0,
  ppp_band: 'HIGH',
  solidarity_opt_in: false,
  payments_enabled: false,
  quality_refund_days: 14,
  free_mode: {
    plan: 'FREE',
    max_duration_s: 60,
    daily_track_limit: 10,
    tracks_today: tracks.size,
    remaining_today: Math.max(0, 10 - tracks.size),
    resets_at: new Date(new Date().setUTCHours(24, 0, 0, 0)).toISOString(),
    trial_expires_at: me().trial_expires_at,
    trial_days_left: 30,
    queue_priority: 100,
  },
});
const packs: PacksT = {
  currency: 'usd',
  payments_enabled: false,
  packs: [
    { credits: 300, price_cents: 3696, price_usd: '36.96', seconds: 9000 },
    { credits: 700, price_cents: 8624, price_usd: '86.24', seconds: 21000 },
    { credits: 2000, price_cents: 24640, price_usd: '246.40', seconds: 60000 },
  ],
  breakdown: {
    currency: 'usd',
    model_cost_per_min_usd: '0.15',
    infra_cost_per_min_usd: '0.05',
    overhead_per_min_usd: '0.02',
    base_cost_per_min_usd: '0.22',
    base_cost_per_credit_usd: '0.11',
    margin_cap: '0.12',
    ppp_band: 'HIGH',
    ppp_multiplier: '1.00',
    solidarity_opt_in: false,
    solidarity_multiplier: '1.00',
    price_per_credit_usd: '0.1232',
    formula: 'price per credit = (base cost per minute / 2) x (1 + margin cap) x PPP x solidarity',
  },
};
const defaultSeries: SeriesT = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'My Sound',
  slug: 'my-sound',
  is_default: true,
  number: 0,
  palette: { primary_hue: 262, secondary_hue: 320, luminance_base: 0.5, saturation: 0.7 },
  geometry: { stroke_width_base: 12, rotation_base: 30, gradient_angle: 135, shape_count: 6 },
  track_count: 0,
  created_at: now(),
};
const unlocks = (): UnlocksT => {
  const done = [...tracks.keys()].filter((id) => current(id)?.status === 'COMPLETE').length;
  const item = { id: 'silk_lines' as const, title: 'Silk Lines', rule: 'Complete 3 tracks' };
  const silk = {
    ...item,
    effect: 'Two bundles of hairlines sweep across the artwork.',
    unlocked: done >= 3,
    progress: { current: Math.min(done, 3), target: 3 },
    remaining: Math.max(0, 3 - done),
  };
  return {
    unlocked: silk.unlocked ? ['silk_lines'] : [],
    items: [silk],
    next: silk.unlocked ? null : silk,
    completed_tracks: done,
  };
};

const notFound = () =>
  HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, { status: 404 });

export const handlers = [
  http.get('/api/me', () => HttpResponse.json(me())),
  http.get('/api/credits', () => HttpResponse.json(balance())),
  http.get('/api/credits/packs', () => HttpResponse.json(packs)),
  http.post('/api/credits/checkout', () =>
    HttpResponse.json(
      { error: { code: 'PAYMENTS_NOT_CONFIGURED', message: 'Payments are not configured on this server.' } },
      { status: 409 },
    ),
  ),
  http.get('/api/style/series', () => HttpResponse.json({ items: [defaultSeries] })),
  http.get('/api/style/unlocks', () => HttpResponse.json(unlocks())),
  http.get('/api/credits/cost-preview', ({ request }) => {
    const d = Number(new URL(request.url).searchParams.get('duration_s'));
    return HttpResponse.json({ duration_s: d, credits_required: Math.ceil(d / 30) });
  }),
  http.get('/api/tracks', () => {
    const items = [...tracks.keys()].map((id) => current(id)!).reverse();
    return HttpResponse.json({ items, page: 1, limit: 20, total: items.length });
  }),
  http.post('/api/tracks', async ({ request }) => {
    const b = (await request.json()) as {
      prompt: string;
      duration_s: number;
      genre?: string;
      style?: string;
    };
    const id = crypto.randomUUID();
    const jobId = crypto.randomUUID();
    const cost = Math.ceil(b.duration_s / 30);
    credits -= cost;
    const track: TrackT = {
      id,
      user_id: 'mock-user',
      title: b.prompt.split(',')[0]!.slice(0, 60),
      prompt: b.prompt,
      lyrics: null,
      has_vocals: false,
      duration_s: b.duration_s,
      genre: b.genre ?? GENRES[0],
      style: b.style ?? null,
      resolved_style: null,
      bpm: 90,
      key: 'A minor',
      style_strength: 0.5,
      seed: Math.floor(Math.random() * 2 ** 31),
      status: 'QUEUED',
      provider: 'mock',
      public: false,
      error_message: null,
      credits_required: cost,
      series_id: null,
      reference_file_id: null,
      visual_version: 1,
      job_id: jobId,
      file_url: null,
      preview_url: null,
      stems_zip_url: null,
      cover_url: null,
      cover_thumbs: [],
      files: { mp3: null, wav: null, preview: null, stems: null, midi: null },
      plan: null,
      lyrics_unsung_lines: null,
      created_at: now(),
      updated_at: now(),
    };
    tracks.set(id, { track, startedAt: Date.now() });
    return HttpResponse.json({ track_id: id, job_id: jobId, credits_required: cost }, { status: 201 });
  }),
  http.get('/api/tracks/:id', ({ params }) => {
    const t = current(String(params.id));
    return t ? HttpResponse.json(t) : notFound();
  }),
  http.get('/api/jobs/:id', ({ params }) => {
    const j = job(String(params.id));
    return j ? HttpResponse.json(j) : notFound();
  }),
  http.post('/api/jobs/:id/cancel', ({ params }) => {
    const e = [...tracks.values()].find((x) => x.track.job_id === String(params.id));
    const j = e && job(String(params.id));
    if (!e || !j) return notFound();
    if (j.status === 'COMPLETE' || j.status === 'CANCELLED')
      return HttpResponse.json(
        {
          error: {
            code: 'CONFLICT',
            message: 'This track has already ended.',
            details: { status: j.status },
          },
        },
        { status: 409 },
      );
    credits += e.track.credits_required;
    e.cancelled = cancelledMessage(e.track.credits_required);
    return HttpResponse.json({
      job_id: j.id,
      track_id: e.track.id,
      status: 'CANCELLED',
      credits_refunded: e.track.credits_required,
    });
  }),
  // No event stream in the mock: useJob falls back to polling, as it does when SSE is blocked.
  http.get('/api/jobs/:id/events', () => notFound()),
];
