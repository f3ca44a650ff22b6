// Worker-thread entry point: receives { id, bytes, options } and answers { id, ok, result }
// or { id, ok: false, error: { code, message } }. One job at a time; the parent queues.
// { id, warm: true } gets the thread ready while idle (answered { id, ok: true }): the MP3
// decoder compiled and the helper thread started with its own decoder compiled.
import { parentPort } from 'node:worker_threads';
import { warmHelper } from './analysis-helper.ts';
import { type AnalyzeOptions, analyzeAudio } from './analyze-audio.ts';
import { AudioAnalysisError } from './errors.ts';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  options: Omit<AnalyzeOptions, 'signal'>;
}

export interface WarmUpRequest {
  id: number;
  warm: true;
}

async function warmUp(): Promise<void> {
  await Promise.all([
    import('@audio/decode-mp3').then(async (m) => (await m.decoder()).free()),
    warmHelper(),
  ]).catch(() => {}); // a job then pays the start itself, as without the warm-up
}

if (parentPort) {
  const port = parentPort;
  // A job that arrives during the warm-up waits for it (it would otherwise find the helper busy
  // and decode alone): the warm-up is work the job needs anyway.
  let ready: Promise<void> = Promise.resolve();
  port.on('message', async (msg: WorkerRequest | WarmUpRequest) => {
    if ('warm' in msg) {
      ready = warmUp();
      await ready;
      port.postMessage({ id: msg.id, ok: true });
      return;
    }
    await ready;
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
