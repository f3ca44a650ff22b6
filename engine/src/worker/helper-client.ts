// The engine thread's side of the helper thread: a GenerateRuntime whose mix bus runs over there.
import { Worker } from 'node:worker_threads';
import type { GenerateRuntime, MixdownHandle } from '../generate.ts';
import { STEM_SLOTS } from '../job-arena.ts';
import type { HelperRequest, HelperResponse } from './protocol.ts';
import { workerEntry } from './thread-url.ts';

interface Session {
  /** The reply the engine thread is waiting for (master, finish), one at a time. */
  waiting?: { resolve: (r: HelperResponse) => void; reject: (e: Error) => void };
  freeSlots: number[];
  slotWaiters: { resolve: (slot: number) => void; reject: (e: Error) => void }[];
}

export function createHelperRuntime(): GenerateRuntime & { close(): Promise<void>; warm(): void } {
  let worker: Worker | undefined;
  let nextId = 1;
  const sessions = new Map<number, Session>();

  const failAll = (e: Error): void => {
    for (const s of sessions.values()) {
      s.waiting?.reject(e);
      s.waiting = undefined;
      for (const w of s.slotWaiters.splice(0)) w.reject(e);
    }
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const entry = workerEntry(import.meta.url, './helper-thread');
    const w = new Worker(entry.url, entry.options);
    w.unref();
    w.on('message', (res: HelperResponse) => {
      const s = sessions.get(res.id);
      if (!s) return;
      if (res.type === 'released') {
        const waiter = s.slotWaiters.shift();
        if (waiter) waiter.resolve(res.slot);
        else s.freeSlots.push(res.slot);
        return;
      }
      const p = s.waiting;
      s.waiting = undefined;
      if (res.type === 'error') p?.reject(new Error(`engine helper: ${res.message}`));
      else p?.resolve(res);
    });
    const fail = (e: Error): void => {
      if (worker === w) worker = undefined;
      failAll(e);
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`engine helper exited with code ${code}`)));
    worker = w;
    return w;
  };

  const send = (req: HelperRequest): void => ensure().postMessage(req);

  return {
    openMixdown(plan, arena): MixdownHandle {
      const id = nextId++;
      const session: Session = { freeSlots: [...Array(STEM_SLOTS).keys()], slotWaiters: [] };
      sessions.set(id, session);
      send({ type: 'open', id, plan, arena: arena.memory, frames: arena.frames });
      const ask = (req: HelperRequest): Promise<HelperResponse> =>
        new Promise((resolve, reject) => {
          session.waiting = { resolve, reject };
          send(req);
        });
      return {
        acquireSlot() {
          const free = session.freeSlots.shift();
          if (free !== undefined) return Promise.resolve(free);
          return new Promise((resolve, reject) => session.slotWaiters.push({ resolve, reject }));
        },
        addStem(name, slot) {
          send({ type: 'stem', id, name, slot });
        },
        async master() {
          const res = await ask({ type: 'master', id });
          if (res.type !== 'mastered') throw new Error('engine helper: unexpected reply');
          return res.stats;
        },
        async finish() {
          const res = await ask({ type: 'finish', id });
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
    async close() {
      const w = worker;
      worker = undefined;
      failAll(new Error('engine helper closed'));
      if (w) await w.terminate();
    },
  };
}
