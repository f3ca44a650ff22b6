// Worker-thread entry point: receives { id, bytes, options } and answers { id, ok, result }
// or { id, ok: false, error: { code, message } }. One job at a time; the parent queues.
import { parentPort } from 'node:worker_threads';
import { type AnalyzeOptions, analyzeAudio } from './analyze-audio.ts';
import { AudioAnalysisError } from './errors.ts';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  options: Omit<AnalyzeOptions, 'signal'>;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async (msg: WorkerRequest) => {
    try {
      const result = await analyzeAudio(msg.bytes, msg.options);
      port.postMessage({ id: msg.id, ok: true, result });
    } catch (err) {
      const e =
        err instanceof AudioAnalysisError
          ? { code: err.code, message: err.message }
          : {
              code: 'CORRUPT',
              message: `The audio could not be analysed: ${(err as Error)?.message ?? String(err)}`,
            };
      port.postMessage({ id: msg.id, ok: false, error: e });
    }
  });
}
