// Worker-thread entry of finish-worker.ts: { id, bytes, options } → { id, ok, result } or
// { id, ok: false, error: { name, code, message } }. Jobs run one after another.
import { parentPort } from 'node:worker_threads';
import { type FinishAudioOptions, finishExternalAudio } from '../finish-audio.ts';

interface Request {
  id: number;
  bytes: Uint8Array;
  options: Omit<FinishAudioOptions, 'signal'>;
}

if (parentPort) {
  const port = parentPort;
  let chain: Promise<unknown> = Promise.resolve();
  port.on('message', (msg: Request) => {
    chain = chain.then(async () => {
      try {
        const r = await finishExternalAudio(msg.bytes, msg.options);
        port.postMessage({ id: msg.id, ok: true, result: r }, [
          r.wav.buffer as ArrayBuffer,
          r.mp3.buffer as ArrayBuffer,
          ...(r.previewMp3.buffer !== r.mp3.buffer ? [r.previewMp3.buffer as ArrayBuffer] : []),
        ]);
      } catch (err) {
        const e = err as { name?: string; code?: string; message?: string };
        port.postMessage({
          id: msg.id,
          ok: false,
          error: { name: e?.name ?? 'Error', code: e?.code, message: e?.message ?? String(err) },
        });
      }
    });
  });
}
