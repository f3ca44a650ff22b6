import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  formatEta,
  fromEvent,
  initialView,
  laterStep,
  OVERDUE,
  pollInterval,
  shownEta,
  stepOfProgress,
  stepStates,
} from './progress';

const T0 = 1_000_000;
const up = (
  status: 'QUEUED' | 'RENDERING' | 'MASTERING' | 'COMPLETE' | 'FAILED',
  progress: number,
  eta: number | null = null,
  seq?: number,
) => ({
  status,
  progress,
  eta,
  seq,
});

describe('job progress state machine', () => {
  it('walks QUEUED → RENDERING → MASTERING → COMPLETE with steps marked as it goes', () => {
    let v = initialView(T0);
    expect(stepStates(v)).toEqual(['current', 'pending', 'pending', 'pending']);
    v = applyUpdate(v, up('RENDERING', 20, 10), T0);
    expect(stepStates(v)).toEqual(['done', 'current', 'pending', 'pending']);
    v = applyUpdate(v, up('MASTERING', 85, 2), T0 + 1000);
    expect(stepStates(v)).toEqual(['done', 'done', 'current', 'pending']);
    v = applyUpdate(v, up('COMPLETE', 100, 0), T0 + 2000);
    expect(v.status).toBe('COMPLETE');
    expect(v.progress).toBe(100);
    expect(stepStates(v)).toEqual(['done', 'done', 'done', 'done']);
    expect(shownEta(v, T0 + 2000)).toBe(0);
  });

  it('never goes backwards: a late poll or an old SSE event changes nothing', () => {
    let v = applyUpdate(initialView(T0), up('MASTERING', 80, 3, 5), T0);
    v = applyUpdate(v, up('RENDERING', 40, 9), T0 + 100); // a stale poll
    expect(v.status).toBe('MASTERING');
    expect(v.progress).toBe(80);
    const same = applyUpdate(v, up('MASTERING', 90, 1, 4), T0 + 200); // older seq
    expect(same).toBe(v);
  });

  it('a final status is sticky', () => {
    let v = applyUpdate(initialView(T0), up('COMPLETE', 100, 0), T0);
    v = applyUpdate(v, up('RENDERING', 50, 5), T0 + 1);
    expect(v.status).toBe('COMPLETE');
    let f = applyUpdate(initialView(T0), { ...up('FAILED', 30), error: 'provider timed out' }, T0);
    f = applyUpdate(f, up('COMPLETE', 100), T0 + 1);
    expect(f.status).toBe('FAILED');
    expect(f.error).toBe('provider timed out');
  });

  it('a cancel ends the job for good: its words kept, no later poll or event revives it, no polling', () => {
    let v = applyUpdate(initialView(T0), { status: 'RENDERING', progress: 30, eta: 20 }, T0);
    v = fromEvent(
      v,
      {
        seq: 4,
        job_id: 'j',
        status: 'CANCELLED',
        progress: 30,
        eta: null,
        message: 'Cancelled — 2 credits returned.',
        at: '',
      },
      T0,
    );
    expect(v.status).toBe('CANCELLED');
    expect(v.error).toBe('Cancelled — 2 credits returned.');
    expect(shownEta(v, T0)).toBe(0);
    expect(applyUpdate(v, { status: 'RENDERING', progress: 40, eta: 5 }, T0).status).toBe('CANCELLED');
    expect(applyUpdate(v, { status: 'COMPLETE', progress: 100, eta: 0 }, T0).status).toBe('CANCELLED');
    expect(pollInterval('CANCELLED', false, 0)).toBe(false);
  });

  it('marks the step where a job failed', () => {
    const v = applyUpdate(initialView(T0), up('FAILED', 30), T0);
    expect(stepStates(v, 'RENDERING')).toEqual(['done', 'failed', 'pending', 'pending']);
    expect(stepStates(v, 'QUEUED')).toEqual(['failed', 'pending', 'pending', 'pending']);
  });

  it('the ETA only counts down: a larger new estimate is ignored, a smaller one taken', () => {
    let v = applyUpdate(initialView(T0), up('RENDERING', 10, 20), T0);
    expect(shownEta(v, T0 + 5000)).toBe(15);
    v = applyUpdate(v, up('RENDERING', 20, 30), T0 + 5000);
    expect(shownEta(v, T0 + 5000)).toBe(15);
    v = applyUpdate(v, up('RENDERING', 50, 6), T0 + 6000);
    expect(shownEta(v, T0 + 6000)).toBe(6);
    // Never shows 0 (or less) while the estimate lasts.
    expect(shownEta(v, T0 + 11_500)).toBe(1);
  });

  it('once the estimate has run out and the job still runs, it says so instead of a seconds count', () => {
    let v = applyUpdate(initialView(T0), up('RENDERING', 10, 3), T0);
    expect(formatEta(shownEta(v, T0 + 2000))).toBe('about 1 s left');
    expect(shownEta(v, T0 + 3000)).toBe(OVERDUE);
    expect(formatEta(shownEta(v, T0 + 60_000))).toBe('taking longer than usual…');
    // A later estimate, however small, would make the count go up again: it is not taken.
    v = applyUpdate(v, up('RENDERING', 40, 2), T0 + 60_000);
    expect(shownEta(v, T0 + 60_000)).toBe(OVERDUE);
    expect(v.progress).toBe(40);
    // A server that reports 0 s while still running: overdue at once, never "0 s left" or "done".
    const zero = applyUpdate(initialView(T0), up('MASTERING', 90, 0), T0);
    expect(shownEta(zero, T0)).toBe(OVERDUE);
    // The end still ends it.
    v = applyUpdate(v, up('COMPLETE', 100, 0), T0 + 61_000);
    expect(shownEta(v, T0 + 61_000)).toBe(0);
    expect(formatEta(0)).toBe('done');
  });

  it('takes SSE events with their seq and message', () => {
    const v = fromEvent(
      initialView(T0),
      { seq: 3, job_id: 'j', status: 'FAILED', progress: 40, eta: null, message: 'Rendering failed', at: '' },
      T0,
    );
    expect(v.seq).toBe(3);
    expect(v.error).toBe('Rendering failed');
  });

  it('polls only without an open stream: 2 s for the first 10 s, then 5 s; never once final', () => {
    expect(pollInterval('RENDERING', true, 0)).toBe(false);
    expect(pollInterval('RENDERING', false, 0)).toBe(2000);
    expect(pollInterval('RENDERING', false, 9_999)).toBe(2000);
    expect(pollInterval('RENDERING', false, 10_000)).toBe(5000);
    expect(pollInterval(undefined, false, 0)).toBe(2000);
    expect(pollInterval('COMPLETE', false, 0)).toBe(false);
    expect(pollInterval('FAILED', false, 0)).toBe(false);
  });

  it('says the ETA in words', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(12)).toBe('about 12 s left');
    expect(formatEta(75)).toBe('about 1 min 15 s left');
  });
});

describe('the step of a failure seen without its history', () => {
  it('is judged from progress by the server stage budget, and never earlier than a step seen', () => {
    expect(stepOfProgress(0)).toBe('QUEUED');
    expect(stepOfProgress(4)).toBe('QUEUED');
    expect(stepOfProgress(5)).toBe('RENDERING');
    expect(stepOfProgress(84)).toBe('RENDERING');
    expect(stepOfProgress(85)).toBe('MASTERING');
    expect(laterStep('QUEUED', stepOfProgress(40))).toBe('RENDERING');
    expect(laterStep('MASTERING', stepOfProgress(0))).toBe('MASTERING');
    expect(stepStates({ status: 'FAILED' }, laterStep('QUEUED', stepOfProgress(40)))).toEqual([
      'done',
      'failed',
      'pending',
      'pending',
    ]);
  });
});
