'use client';

import { charLength, GENRES, KEYS, LIMITS } from '@soundfoundry/contract/constants';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '@/lib/api/client';
import {
  useCostPreview,
  useCreateTrack,
  useCredits,
  useMe,
  useSeries,
  useStyles,
  useTrack,
} from '@/lib/api/hooks';
import { keys } from '@/lib/api/keys';
import { costLine, dailyLimitReason, resetWords } from '@/lib/create/balance';
import { notEnoughCredits } from '@/lib/create/not-enough-credits';
import { promptAfterPreset } from '@/lib/create/preset';
import {
  type CreateValues,
  DEFAULT_VALUES,
  EXAMPLE_PROMPTS,
  estimateCredits,
  exampleChipLabel,
  type FieldErrors,
  insertTag,
  lengthCount,
  maxDurationFor,
  SECTION_TAGS,
  validateCreate,
  valuesFromTrack,
  withReference,
} from '@/lib/create/rules';
import { nextSubmission, type Submission } from '@/lib/create/submission';
import { genreLabel } from '@/lib/genre-label';
import { IntentLink } from '../intent-link';
import { BusyButton } from '../ui/busy-button';
import { Switch } from '../ui/switch';
import { ReferenceUpload } from './reference-upload';

const field = 'w-full rounded-lg border border-line bg-bg px-3 py-2.5 text-sm';
const labelCls = 'mb-1 block text-sm font-medium';

/**
 * `prompt` and `from` come from the page's URL, read by the server page: reading them here
 * with useSearchParams would keep the whole form out of the server HTML (client-only until
 * hydration), and the form is what the page is for.
 */
export function CreateForm({ prompt, from }: { prompt?: string; from?: string }) {
  const me = useMe();
  const [v, setV] = useState<CreateValues>(() => ({ ...DEFAULT_VALUES, prompt: prompt ?? '' }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [status, setStatus] = useState('');
  // The balance does not pay for the track: said with a way to more credits (NotEnoughCredits).
  const [shortOf, setShortOf] = useState<{ required: number; balance: number } | null>(null);
  const create = useCreateTrack();
  // One key per submission: kept while it is in flight, so a retry of the same click is the same request.
  const inFlight = useRef(false);
  const lastSubmission = useRef<Submission | null>(null);
  const lyricsRef = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes after a section tag is inserted. Placed in a layout effect, i.e. in the
  // same commit as the new text: a deferred placement (requestAnimationFrame) let a key pressed in
  // between land first and then moved the caret back in front of it.
  const pendingCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = lyricsRef.current;
    const caret = pendingCaret.current;
    if (!el || caret === null) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
  });
  const promptRef = useRef<HTMLTextAreaElement>(null);

  // "Make another like this": the source track's settings, a new seed.
  const source = useTrack(from ?? '');
  const appliedFrom = useRef(false);
  useEffect(() => {
    if (from && source.data && !appliedFrom.current) {
      appliedFrom.current = true;
      setV(valuesFromTrack(source.data));
    }
  }, [from, source.data]);

  const plan = me.data?.plan;
  const max = maxDurationFor(plan);
  const duration = Math.min(v.duration, max);
  const cost = useCostPreview(duration);
  const credits = cost.data?.credits_required ?? estimateCredits(duration);
  const balance = me.data?.credits;
  const after = balance === undefined ? undefined : balance - credits;
  const series = useSeries();
  const styles = useStyles();
  const account = useCredits().data;
  const freeMode = account?.free_mode;
  // Where no pack can be bought (no Stripe keys), none is offered.
  const packsOnSale = account?.payments_enabled !== false;
  const qc = useQueryClient();
  // The plan's tracks for today used up: said, and Generate unavailable, before the press.
  const resetsAt = freeMode ? new Date(freeMode.resets_at) : null;
  const noTracksLeft = dailyLimitReason(freeMode, resetsAt ? resetWords(resetsAt, new Date()) : 'tomorrow');
  const costWords = costLine(credits, balance);
  const [presetId, setPresetId] = useState('');
  // A preset is one published style: its id, its example prompt and its published genre. Its example
  // never replaces words the person wrote (promptAfterPreset).
  function applyPreset(id: string) {
    setPresetId(id);
    const items = styles.data?.items ?? [];
    const st = items.find((x) => x.id === id);
    if (!st) return;
    const examples = items.flatMap((x) => x.examples);
    setV((old) => ({
      ...old,
      genre: st.genre,
      style: st.id,
      prompt: promptAfterPreset(old.prompt, st.examples[0], examples),
    }));
  }

  const set = <K extends keyof CreateValues>(k: K, value: CreateValues[K]) =>
    setV((old) => ({ ...old, [k]: value }));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (inFlight.current || noTracksLeft) return;
    setStatus('');
    setFormError('');
    setShortOf(null);
    const { errors: errs, body } = validateCreate({ ...v, duration }, plan);
    setErrors(errs);
    if (!body) {
      if (errs.prompt) promptRef.current?.focus();
      return;
    }
    if (balance !== undefined && after !== undefined && after < 0) {
      setShortOf({ required: credits, balance });
      return;
    }
    inFlight.current = true;
    try {
      const submission = nextSubmission(
        lastSubmission.current,
        JSON.stringify(body),
        Date.now(),
        newIdempotencyKey,
      );
      lastSubmission.current = submission;
      await create.mutateAsync({ body, idempotencyKey: submission.key });
      setStatus('Track generation started');
      // The next press is another track: a new seed, and a title of its own (or the prompt's).
      setV((old) => ({ ...old, seed: '', title: '' }));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const fe: FieldErrors = {};
        for (const f of err.fields) {
          const k = f.field === 'duration_s' ? 'duration' : f.field;
          if (k in { prompt: 1, title: 1, duration: 1, bpm: 1, seed: 1, lyrics: 1, key: 1, genre: 1 })
            fe[k as keyof FieldErrors] = f.message;
        }
        setErrors(fe);
        if (Object.keys(fe).length > 0) return;
      }
      // The balance changed since the page read it (another tab spent it): said as above, with its link.
      const short = err instanceof ApiError && err.code === 'INSUFFICIENT_CREDITS' && shortfall(err.details);
      if (short) {
        setShortOf(short);
        // The balance shown (header, cost line) was stale: read it again.
        void qc.invalidateQueries({ queryKey: keys.me });
        void qc.invalidateQueries({ queryKey: keys.credits });
        return;
      }
      // Refused for a limit (today's tracks): the limits shown are read again too.
      if (err instanceof ApiError && err.status === 429)
        void qc.invalidateQueries({ queryKey: keys.credits });
      setFormError(err instanceof Error ? err.message : 'Something went wrong. Try again.');
    } finally {
      inFlight.current = false;
    }
  }

  const busy = create.isPending;
  const lyricsCount = lengthCount(charLength(v.lyrics), LIMITS.lyricsMax);
  // Counted in characters as the API counts them (charLength: "🎹" is 1), not UTF-16 units.
  const promptCount = lengthCount(charLength(v.prompt), LIMITS.promptMax);
  const titleCount = lengthCount(charLength(v.title.trim()), LIMITS.titleMax);
  const err = (k: keyof FieldErrors) =>
    errors[k] ? (
      <p id={`${k}-error`} className="mt-1 text-sm text-danger">
        {errors[k]}
      </p>
    ) : null;
  const describedBy = (k: keyof FieldErrors) => (errors[k] ? `${k}-error` : undefined);

  return (
    <form
      onSubmit={onSubmit}
      // Ctrl+Enter (⌘+Enter on a Mac) generates from any field, as chat and code editors send.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          if (!busy) e.currentTarget.requestSubmit();
        }
      }}
      noValidate
      className="space-y-6"
      aria-describedby="create-status"
    >
      <div>
        <label htmlFor="prompt" className={labelCls}>
          Music generation prompt
        </label>
        <textarea
          id="prompt"
          dir="auto"
          ref={promptRef}
          rows={4}
          value={v.prompt}
          onChange={(e) => set('prompt', e.target.value)}
          placeholder="Describe the music: a mood, a style, instruments — “dusty lo-fi hip hop, rainy night, mellow Rhodes”"
          aria-invalid={errors.prompt ? true : undefined}
          aria-describedby={describedBy('prompt')}
          // No maxLength: the browser counts UTF-16 units (an emoji is 2), the API characters.
          className={`${field} resize-y text-base leading-relaxed`}
        />
        <div className="mt-1 flex items-start justify-between gap-2">
          <div>{err('prompt')}</div>
          <span
            data-testid="prompt-count"
            className={`tabular shrink-0 text-xs ${promptCount.over ? 'font-medium text-danger' : 'text-muted'}`}
          >
            {promptCount.text}
          </span>
        </div>
        <fieldset className="mt-2 flex min-w-0 flex-wrap gap-2">
          <legend className="sr-only">Example prompts</legend>
          {EXAMPLE_PROMPTS.slice(0, 4).map((p) => (
            <button
              key={p}
              type="button"
              onClick={() => set('prompt', p)}
              className="max-w-full truncate rounded-full border border-line px-3 py-1 text-xs text-muted hover:border-accent hover:text-fg"
            >
              {exampleChipLabel(p)}
            </button>
          ))}
        </fieldset>
      </div>

      <div>
        <label htmlFor="title" className={labelCls}>
          Title <span className="font-normal text-muted">(optional)</span>
        </label>
        <input
          id="title"
          dir="auto"
          value={v.title}
          onChange={(e) => set('title', e.target.value)}
          placeholder="Left empty, the track is named from your prompt"
          autoComplete="off"
          aria-invalid={errors.title || titleCount.over ? true : undefined}
          aria-describedby={
            [describedBy('title'), titleCount.over ? 'title-count' : undefined].filter(Boolean).join(' ') ||
            undefined
          }
          // No maxLength, as for the prompt: the browser would count UTF-16 units.
          className={field}
        />
        <div className="mt-1 flex items-start justify-between gap-2">
          <div>{err('title')}</div>
          {/* The count shows once the title is long enough to matter (a title is usually a few words). */}
          {charLength(v.title.trim()) > LIMITS.titleMax - 20 && (
            <span
              id="title-count"
              data-testid="title-count"
              className={`tabular shrink-0 text-xs ${titleCount.over ? 'font-medium text-danger' : 'text-muted'}`}
            >
              {titleCount.text}
            </span>
          )}
        </div>
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor="duration" className={labelCls}>
            Duration: <span className="tabular">{duration} s</span>
          </label>
          <input
            id="duration"
            type="range"
            min={LIMITS.durationMin}
            max={max}
            step={5}
            value={duration}
            onChange={(e) => set('duration', Number(e.target.value))}
            aria-describedby="duration-cost"
            className="w-full"
          />
          <p id="duration-cost" className="tabular mt-1 text-xs text-muted" data-testid="cost-preview">
            <span className={costWords.short ? 'font-medium text-danger' : ''}>{costWords.text}</span>
          </p>
          {freeMode && (
            <p className="tabular mt-1 text-xs text-muted" data-testid="free-mode">
              {freeMode.remaining_today === null
                ? `${freeMode.plan} plan: up to ${freeMode.max_duration_s} s per track, no daily cap.`
                : `${freeMode.remaining_today} of ${freeMode.daily_track_limit} tracks left today · up to ${freeMode.max_duration_s} s per track`}
              {plan === 'FREE' && packsOnSale && ` · a credit pack unlocks ${LIMITS.durationMax} s`}
            </p>
          )}
          {err('duration')}
        </div>
        <div className="grid min-w-0 grid-cols-2 gap-3">
          <div className="min-w-0">
            <label htmlFor="style-preset" className={labelCls}>
              Style
            </label>
            <select
              id="style-preset"
              value={presetId}
              onChange={(e) => applyPreset(e.target.value)}
              className={field}
            >
              <option value="">Any</option>
              {(styles.data?.items ?? []).map((st) => (
                <option key={st.id} value={st.id}>
                  {st.name}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0">
            <label htmlFor="genre" className={labelCls}>
              Genre
            </label>
            <select
              id="genre"
              value={v.genre}
              // Another genre than the preset's style belongs to: the style no longer applies.
              onChange={(e) => setV((old) => ({ ...old, genre: e.target.value, style: '' }))}
              className={field}
            >
              <option value="">From the prompt</option>
              {GENRES.map((g) => (
                <option key={g} value={g}>
                  {genreLabel(g)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>

      <div className="rounded-xl border border-line p-4">
        <div className="flex items-center justify-between gap-3">
          <label htmlFor="vocals" className="text-sm font-medium">
            Vocals
            <span className="block text-xs font-normal text-muted" id="vocals-help">
              A synthesised voice sings your lyrics as a melody: not a recorded human singer.
            </span>
          </label>
          <Switch id="vocals" checked={v.hasVocals} onCheckedChange={(c) => set('hasVocals', c)} />
        </div>
        {v.hasVocals && (
          <div className="mt-4">
            <label htmlFor="lyrics" className={labelCls}>
              Lyrics
            </label>
            <fieldset className="mb-2 flex min-w-0 flex-wrap gap-1.5">
              <legend className="sr-only">Insert a section tag</legend>
              {SECTION_TAGS.map((tag) => (
                <button
                  key={tag}
                  type="button"
                  onClick={() => {
                    const el = lyricsRef.current;
                    const r = insertTag(v.lyrics, el?.selectionStart ?? v.lyrics.length, tag);
                    pendingCaret.current = r.caret;
                    set('lyrics', r.text);
                  }}
                  className="rounded-md bg-surface-2 px-2 py-1 font-mono text-xs hover:text-accent-text"
                >
                  {tag}
                </button>
              ))}
            </fieldset>
            <textarea
              id="lyrics"
              dir="auto"
              ref={lyricsRef}
              rows={7}
              value={v.lyrics}
              onChange={(e) => set('lyrics', e.target.value)}
              placeholder={'[Verse]\nCity lights are fading slow\n[Chorus]\nWe keep on dancing'}
              aria-invalid={errors.lyrics || lyricsCount.over ? true : undefined}
              // The count is read with the field once it is past the limit (it is the problem then).
              aria-describedby={
                [describedBy('lyrics'), lyricsCount.over ? 'lyrics-count' : undefined]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              className={`${field} font-mono`}
            />
            <p
              id="lyrics-count"
              data-testid="lyrics-count"
              className={`tabular mt-1 text-right text-xs ${lyricsCount.over ? 'font-medium text-danger' : 'text-muted'}`}
            >
              {lyricsCount.text}
            </p>
            {err('lyrics')}
          </div>
        )}
      </div>

      <details className="group rounded-xl border border-line p-4">
        <summary className="cursor-pointer text-sm font-medium">
          Advanced: key, tempo, style influence, seed, reference
          {/* Said on the closed section too: a reference (applied, or carried from a remade track) guides the render. */}
          {v.referenceFileId && (
            <span className="ml-2 rounded-full bg-surface-2 px-2 py-0.5 text-xs font-normal text-muted">
              Reference in use
            </span>
          )}
        </summary>
        <div className="mt-4 grid gap-5 sm:grid-cols-2">
          <div>
            <label htmlFor="key" className={labelCls}>
              Key
            </label>
            <select id="key" value={v.key} onChange={(e) => set('key', e.target.value)} className={field}>
              <option value="">From the prompt</option>
              {KEYS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            {err('key')}
          </div>
          <div>
            <label htmlFor="bpm" className={labelCls}>
              BPM
            </label>
            <input
              id="bpm"
              inputMode="numeric"
              value={v.bpm}
              onChange={(e) => set('bpm', e.target.value)}
              placeholder={`${LIMITS.bpmMin}–${LIMITS.bpmMax}, empty = from the prompt`}
              aria-invalid={errors.bpm ? true : undefined}
              aria-describedby={describedBy('bpm')}
              className={field}
            />
            {err('bpm')}
          </div>
          <div>
            <label htmlFor="style" className={labelCls}>
              Style Influence: <span className="tabular">{v.styleStrength.toFixed(2)}</span>
            </label>
            <input
              id="style"
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={v.styleStrength}
              onChange={(e) => set('styleStrength', Number(e.target.value))}
              className="w-full"
              aria-describedby="style-help"
            />
            <p id="style-help" className="mt-1 text-xs text-muted">
              Low: conventional. High: adventurous.
            </p>
          </div>
          <div>
            <label htmlFor="seed" className={labelCls}>
              Seed
            </label>
            <div className="flex gap-2">
              <input
                id="seed"
                inputMode="numeric"
                value={v.seed}
                onChange={(e) => set('seed', e.target.value)}
                placeholder="Random"
                aria-invalid={errors.seed ? true : undefined}
                aria-describedby={describedBy('seed') ?? 'seed-help'}
                className={field}
              />
              <button
                type="button"
                onClick={() => set('seed', String(Math.floor(Math.random() * LIMITS.seedMax)))}
                className="shrink-0 rounded-lg border border-line px-3 text-sm hover:bg-surface-2"
              >
                Roll
              </button>
            </div>
            <p id="seed-help" className="mt-1 text-xs text-muted">
              The same seed and settings reproduce a track exactly.
            </p>
            {err('seed')}
          </div>
          {series.data && series.data.items.length > 0 && (
            <div>
              <label htmlFor="series" className={labelCls}>
                Series
              </label>
              {/* The series as the Series page lists them, the default one once (not also as a
                  "Default series" choice of its own); untouched, the track goes to the default. */}
              <select
                id="series"
                value={v.seriesId || (series.data.items.find((s) => s.is_default)?.id ?? '')}
                onChange={(e) => set('seriesId', e.target.value)}
                className={field}
              >
                {series.data.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="sm:col-span-2">
            <ReferenceUpload
              appliedId={v.referenceFileId}
              onApply={(r) => setV((old) => withReference(old, r))}
              onRemove={() => setV((old) => ({ ...old, referenceFileId: null }))}
            />
          </div>
        </div>
      </details>

      <div className="flex flex-wrap items-center gap-4">
        {/* Busy, it keeps focus (BusyButton); onSubmit's in-flight guard also refuses Ctrl+Enter. */}
        <BusyButton
          type="submit"
          busy={busy}
          unavailable={noTracksLeft !== null}
          aria-describedby={noTracksLeft ? 'generate-unavailable' : undefined}
          busyLabel="Starting…"
          className={`rounded-xl bg-accent px-6 py-3 font-semibold text-accent-fg shadow-lg shadow-accent/20 hover:bg-accent-hover aria-disabled:opacity-60 ${busy ? 'aria-disabled:cursor-wait' : 'aria-disabled:cursor-not-allowed'}`}
        >
          Generate Music
        </BusyButton>
        <span className="hidden text-xs text-muted sm:inline" aria-hidden="true">
          or <kbd className="font-sans">Ctrl</kbd>/<kbd className="font-sans">⌘</kbd> +{' '}
          <kbd className="font-sans">Enter</kbd>
        </span>
        {noTracksLeft && (
          <p
            id="generate-unavailable"
            className="w-full text-sm font-medium text-danger"
            data-testid="no-tracks-left"
          >
            {noTracksLeft}
          </p>
        )}
        <div id="create-status" className="text-sm" aria-live="polite">
          {status && (
            <p role="status" className="text-success">
              {status}
            </p>
          )}
          {formError && (
            <p role="alert" className="text-danger">
              {formError}
            </p>
          )}
          {shortOf && (
            <p role="alert" className="text-danger" data-testid="not-enough-credits">
              <NotEnoughCredits {...shortOf} packsOnSale={packsOnSale} />
            </p>
          )}
        </div>
      </div>
    </form>
  );
}

/** The API's 402 details ({ balance, required }), when they are there. */
function shortfall(details: unknown): { required: number; balance: number } | null {
  const d = details as { balance?: unknown; required?: unknown } | undefined;
  return typeof d?.balance === 'number' && typeof d.required === 'number'
    ? { balance: d.balance, required: d.required }
    : null;
}

function NotEnoughCredits(o: { required: number; balance: number; packsOnSale: boolean }) {
  return notEnoughCredits(o).map((p) =>
    typeof p === 'string' ? (
      p
    ) : (
      <IntentLink key={p.href} href={p.href} className="font-medium underline underline-offset-2">
        {p.text}
      </IntentLink>
    ),
  );
}
