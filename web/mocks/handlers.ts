import { GENRES } from '@soundfoundry/contract';
import { HttpResponse, http } from 'msw';
import type { JobT, MeT, TrackT } from '../lib/api/hooks';
import { simulatedJob } from './simulate';

// The API, mocked for backend-free development (NEXT_PUBLIC_USE_MSW=true): a signed-in
// user with trial credits; created tracks progress through their steps over a few seconds.

const now = () => new Date().toISOString();
let credits = 400;
const tracks = new Map<string, { track: TrackT; startedAt: number }>();
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
  const j = simulatedJob(e.startedAt, Date.now(), e.track.duration_s);
  const done = j.status === 'COMPLETE';
  return {
    ...e.track,
    status: j.status,
    file_url: done ? '/mock-audio.mp3' : null,
    files: { ...e.track.files, mp3: done ? '/mock-audio.mp3' : null },
  };
}

function job(id: string): JobT | null {
  const e = [...tracks.values()].find((x) => x.track.job_id === id);
  if (!e) return null;
  const j = simulatedJob(e.startedAt, Date.now(), e.track.duration_s);
  return {
    id,
    kind: 'generate-music',
    track_id: e.track.id,
    ...j,
    error: null,
    attempts: 1,
    provider: 'mock',
    created_at: e.track.created_at,
    updated_at: now(),
  };
}

const notFound = () =>
  HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, { status: 404 });

export const handlers = [
  http.get('/api/me', () => HttpResponse.json(me())),
  http.get('/api/credits', () =>
    HttpResponse.json({ balance: credits, plan: 'FREE', trial_expires_at: me().trial_expires_at }),
  ),
  http.get('/api/credits/cost-preview', ({ request }) => {
    const d = Number(new URL(request.url).searchParams.get('duration_s'));
    return HttpResponse.json({ duration_s: d, credits_required: Math.ceil(d / 30) });
  }),
  http.get('/api/tracks', () => {
    const items = [...tracks.keys()].map((id) => current(id)!).reverse();
    return HttpResponse.json({ items, page: 1, limit: 20, total: items.length });
  }),
  http.post('/api/tracks', async ({ request }) => {
    const b = (await request.json()) as { prompt: string; duration_s: number; genre?: string };
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
      files: { mp3: null, wav: null, preview: null, stems: null, midi: null },
      plan: null,
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
  // No event stream in the mock: useJob falls back to polling, as it does when SSE is blocked.
  http.get('/api/jobs/:id/events', () => notFound()),
];
