// Worker-thread entry point: receives { id, bytes, options } and answers { id, ok, result }
// or { id, ok: false, error: { code, message } }. One job at a time; the parent queues.
// { id, warm: true } gets the thread ready while idle (answered { id, ok: true }): the MP3
// decoder compiled, the helper thread started with its own decoder compiled, and a short synthetic
// analysis run so V8 has compiled the stages' hot loops.
import { parentPort } from 'node:worker_threads';
import { encodeWav16 } from '../master/wav.ts';
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

/**
 * 8 s of a 120 BPM click over a chord, as a 16-bit stereo WAV: analysing it once runs every
 * analysis stage, so V8 has compiled their hot loops before a real upload needs them.
 */
function warmUpWav(): Uint8Array {
  const rate = 44_100;
  const x = new Float32Array(rate * 8);
  for (let i = 0; i < x.length; i++) {
    const t = i / rate;
    const sinceBeat = t % 0.5;
    const click = Math.exp(-sinceBeat / 0.01) * Math.sin(2 * Math.PI * 1500 * sinceBeat);
    const chord =
      (Math.sin(2 * Math.PI * 220 * t) +
        Math.sin(2 * Math.PI * 277.18 * t) +
        Math.sin(2 * Math.PI * 329.63 * t)) /
      3;
    x[i] = 0.5 * click + 0.3 * chord;
  }
  return encodeWav16([x, x], rate);
}

async function warmUp(): Promise<void> {
  await Promise.all([
    import('@audio/decode-mp3').then(async (m) => (await m.decoder()).free()),
    warmHelper(),
  ]).catch(() => {}); // a job then pays the start itself, as without the warm-up
  await analyzeAudio(warmUpWav(), { helperThread: false }).catch(() => {});
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
