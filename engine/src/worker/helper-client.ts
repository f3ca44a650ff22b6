// The engine thread's side of the helper thread: a GenerateRuntime that has the helper synthesise
// its share of the stems (mixdown.ts helperStems), master, and write the master's WAV and the
// tail half of its MP3.
import { Worker } from 'node:worker_threads';
import type { GenerateRuntime, MixdownHandle } from '../generate.ts';
import { helperStems, MixTurns, stemsInRenderOrder } from '../mixdown.ts';
import { sharedSoundfontBytes } from '../render/soundfont.ts';
import type { HelperRequest, HelperResponse } from './protocol.ts';
import { ENGINE_THREAD_LIMITS } from './thread-limits.ts';
import { workerEntry } from './thread-url.ts';

interface Session {
  turns: MixTurns;
  /** The reply the engine thread is waiting for (master, finish), one at a time. */
  waiting?: { resolve: (r: HelperResponse) => void; reject: (e: Error) => void };
  error?: Error;
}

export interface HelperRuntime extends GenerateRuntime {
  close(): Promise<void>;
  warm(): void;
  /** Has the helper decode these samples while it has no job (preload-samples.ts); resolves when it has. */
  preload(samples: number[]): Promise<void>;
}

export function createHelperRuntime(): HelperRuntime {
  let worker: Worker | undefined;
  let nextId = 1;
  const sessions = new Map<number, Session>();
  const preloads: (() => void)[] = [];

  const failSession = (s: Session, e: Error): void => {
    s.error ??= e;
    s.turns.fail(e);
    s.waiting?.reject(e);
    s.waiting = undefined;
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    // The helper parses the soundfont bytes this thread has read: one copy for both (soundfont.ts).
    const entry = workerEntry(import.meta.url, './helper-thread', { soundfont: sharedSoundfontBytes() });
    const w = new Worker(entry.url, { ...entry.options, resourceLimits: ENGINE_THREAD_LIMITS });
    w.unref();
    w.on('message', (res: HelperResponse) => {
      if (res.type === 'preloaded') {
        preloads.shift()?.();
        return;
      }
      const s = sessions.get(res.id);
      if (!s) return;
      if (res.type === 'mixed') {
        s.turns.mixed(res.name);
        return;
      }
      if (res.type === 'error') {
        failSession(s, new Error(`engine helper: ${res.message}`));
        return;
      }
      const p = s.waiting;
      s.waiting = undefined;
      p?.resolve(res);
    });
    const fail = (e: Error): void => {
      if (worker === w) worker = undefined;
      for (const s of sessions.values()) failSession(s, e);
      // A preload the thread never finished: nothing waits for it any more (jobs decode on demand).
      for (const done of preloads.splice(0)) done();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`engine helper exited with code ${code}`)));
    worker = w;
    return w;
  };

  const send = (req: HelperRequest): void => ensure().postMessage(req);

  return {
    openMixdown(plan, arena, zip): MixdownHandle {
      const id = nextId++;
      const session: Session = { turns: new MixTurns(plan) };
      sessions.set(id, session);
      const remote = helperStems(plan);
      send({
        type: 'open',
        id,
        plan,
        arena: arena.memory,
        frames: arena.frames,
        zip: zip.memory,
        stems: remote,
      });
      const ask = (req: HelperRequest): Promise<HelperResponse> =>
        new Promise((resolve, reject) => {
          if (session.error) return reject(session.error);
          session.waiting = { resolve, reject };
          send(req);
        });
      return {
        localStems: stemsInRenderOrder(plan).filter((s) => !remote.includes(s)),
        isTurn: (name) => session.turns.isTurn(name),
        turn: (name) => session.turns.turn(name),
        mixed(name) {
          session.turns.mixed(name);
          send({ type: 'stem', id, name });
        },
        shareRendered() {
          send({ type: 'share', id });
        },
        async master() {
          const res = await ask({ type: 'master', id });
          if (res.type !== 'mastered') throw new Error('engine helper: unexpected reply');
          return res.stats;
        },
        async finish(mp3TailFrom) {
          const res = await ask({ type: 'finish', id, mp3TailFrom });
          if (res.type !== 'outputs') throw new Error('engine helper: unexpected reply');
          return res.outputs;
        },
        dispose() {
          sessions.delete(id);
          if (worker) send({ type: 'dispose', id });
        },
      };
    },
    warm() {
      ensure();
    },
    preload(samples) {
      return new Promise<void>((resolve) => {
        preloads.push(resolve);
        send({ type: 'preload', id: 0, samples });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      for (const s of sessions.values()) failSession(s, new Error('engine helper closed'));
      for (const done of preloads.splice(0)) done();
      if (w) await w.terminate();
    },
  };
}
