// Helper thread beside the engine thread. For each job it synthesises its share of the stems
// (mixdown.ts helperStems) into lane 1 while the engine thread renders the rest into lane 0, writes
// them into the stems ZIP and sums them into the mix on their turn, masters, and makes the master's
// WAV and the tail half of its MP3 while the engine thread encodes the head half (mp3-join.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { BasicSoundBank } from 'spessasynth_core';
import type { StemName } from '../compose/plan-types.ts';
import { JobArena } from '../job-arena.ts';
import { StemsZip } from '../master/stems-zip.ts';
import { MixBus, MixTurns, renderLane, stemsZipEntries } from '../mixdown.ts';
import { adoptSoundfontBytes, loadSoundfont } from '../render/soundfont.ts';
import { collectGarbage } from './collect-garbage.ts';
import { decodeInSteps } from './preload-samples.ts';
import type { HelperRequest, HelperResponse } from './protocol.ts';
import { transferables } from './transfer.ts';

if (!parentPort) throw new Error('helper-thread.ts must run in a worker thread');
const port = parentPort;

interface Session {
  bus: MixBus;
  turns: MixTurns;
  abort: AbortController;
  /** Settles when this thread's stems are rendered and in the mix. */
  rendered: Promise<void>;
  /** Lane 0 has rendered the split stem's second share (mixdown.ts laneSplit). */
  share: { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void };
  error?: Error;
}
const sessions = new Map<number, Session>();

const reply = (res: HelperResponse, transfer: ArrayBuffer[] = []): void => port.postMessage(res, transfer);
const replyError = (id: number, error: unknown): void =>
  reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

function open(req: Extract<HelperRequest, { type: 'open' }>): void {
  const arena = new JobArena(req.frames, req.arena);
  const zip = new StemsZip(stemsZipEntries(req.plan, req.frames), req.zip);
  const bus = new MixBus(req.plan, arena);
  const turns = new MixTurns(req.plan);
  const abort = new AbortController();
  let resolveShare = (): void => undefined;
  let rejectShare = (_: Error): void => undefined;
  const sharePromise = new Promise<void>((resolve, reject) => {
    resolveShare = resolve;
    rejectShare = reject;
  });
  sharePromise.catch(() => undefined);
  const share = { promise: sharePromise, resolve: resolveShare, reject: rejectShare };
  // A cancelled job's lane may be waiting for a share that will never come.
  abort.signal.addEventListener('abort', () => share.reject(new Error('cancelled')));
  const session: Session = { bus, turns, abort, rendered: Promise.resolve(), share };
  session.rendered = renderLane(req.plan, arena, zip, 1, req.stems, {
    signal: abort.signal,
    isTurn: (name) => turns.isTurn(name),
    turn: (name) => turns.turn(name),
    shareReady: () => share.promise,
    mixed: (name: StemName) => {
      turns.mixed(name);
      reply({ type: 'mixed', id: req.id, name });
    },
  }).catch((error: unknown) => {
    session.error = asError(error);
    turns.fail(session.error);
    // Tell the engine thread at once: it may be waiting for a turn that will never come.
    if (!abort.signal.aborted) replyError(req.id, session.error);
  });
  sessions.set(req.id, session);
}

port.on('message', (req: HelperRequest) => {
  if (req.type === 'open') return open(req);
  if (req.type === 'preload') {
    // Its part of the preload (preload-samples.ts), paused while a job is open here. A failed one
    // costs only speed (jobs decode what they play), and the engine thread must hear either way.
    void BasicSoundBank.isSF3DecoderReady
      .then(() => decodeInSteps(req.samples, () => sessions.size > 0))
      .catch(() => undefined)
      .then(() => reply({ type: 'preloaded', id: 0 }));
    return;
  }
  if (req.type === 'dispose') {
    const session = sessions.get(req.id);
    session?.abort.abort();
    sessions.delete(req.id);
    // A lane still rendering stops at its next check; collect once it has.
    void (session?.rendered ?? Promise.resolve()).finally(collectGarbage);
    return;
  }
  const session = sessions.get(req.id);
  if (!session) return replyError(req.id, 'no such job');
  if (req.type === 'stem') {
    session.turns.mixed(req.name);
    return;
  }
  if (req.type === 'share') {
    session.share.resolve();
    return;
  }
  if (req.type === 'master') {
    session.rendered.then(() => {
      if (session.error) return replyError(req.id, session.error);
      if (!session.turns.complete) return replyError(req.id, 'master asked for before every stem was in');
      try {
        const { left, right, ...stats } = session.bus.master();
        reply({ type: 'mastered', id: req.id, stats });
      } catch (error) {
        replyError(req.id, error);
      }
    });
    return;
  }
  session.bus.finish(req.mp3TailFrom).then(
    (outputs) =>
      reply({ type: 'outputs', id: req.id, outputs }, transferables([outputs.wav, outputs.mp3Tail])),
    (error: unknown) => replyError(req.id, error),
  );
});

// Parse the soundfont (the engine thread's bytes) before the first job asks for a stem.
adoptSoundfontBytes((workerData as { soundfont: SharedArrayBuffer }).soundfont);
loadSoundfont();
