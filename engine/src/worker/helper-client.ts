// The engine thread's side of the helper thread: a GenerateRuntime whose work runs over there.
import { Worker } from 'node:worker_threads';
import type { GenerateRuntime } from '../generate.ts';
import type { StemBuffers } from '../render/synth-render.ts';
import type { HelperRequest, HelperResponse } from './protocol.ts';
import { workerEntry } from './thread-url.ts';

export function createHelperRuntime(): GenerateRuntime & { close(): Promise<void>; warm(): void } {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: HelperResponse) => void; reject: (e: Error) => void }>();

  const ensure = (): Worker => {
    if (worker) return worker;
    const entry = workerEntry(import.meta.url, './helper-thread');
    const w = new Worker(entry.url, entry.options);
    w.unref();
    w.on('message', (res: HelperResponse) => {
      const p = pending.get(res.id);
      pending.delete(res.id);
      if (!p) return;
      if (res.type === 'error') p.reject(new Error(`engine helper: ${res.message}`));
      else p.resolve(res);
    });
    const fail = (e: Error): void => {
      if (worker === w) worker = undefined;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`engine helper exited with code ${code}`)));
    worker = w;
    return w;
  };

  type Request = HelperRequest extends infer R ? (R extends HelperRequest ? Omit<R, 'id'> : never) : never;
  const call = (req: Request, transfer: ArrayBuffer[] = []): Promise<HelperResponse> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ensure().postMessage({ ...req, id } as HelperRequest, transfer);
    });

  return {
    async renderGroup(plan, stems) {
      const res = await call({ type: 'render', plan, stems });
      if (res.type !== 'stems') throw new Error('engine helper: unexpected reply');
      const buffers: StemBuffers = new Map(res.stems);
      return buffers;
    },
    async encodeMp3(left, right) {
      const res = await call({ type: 'mp3', left, right }, [
        left.buffer as ArrayBuffer,
        right.buffer as ArrayBuffer,
      ]);
      if (res.type !== 'mp3') throw new Error('engine helper: unexpected reply');
      return res.mp3;
    },
    warm() {
      ensure();
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
