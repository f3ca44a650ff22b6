// Helper thread beside the engine thread: renders the second synthesizer group and encodes the
// preview MP3, so a job uses both cores. It loads the soundfont on its first render and keeps it.
import { parentPort } from 'node:worker_threads';
import { SAMPLE_RATE } from '../generate.ts';
import { encodeMp3 } from '../master/mp3.ts';
import { renderProcessedStems } from '../render/stem-fx.ts';
import type { HelperRequest, HelperResponse } from './protocol.ts';

if (!parentPort) throw new Error('helper-thread.ts must run in a worker thread');
const port = parentPort;

port.on('message', (req: HelperRequest) => {
  const reply = (res: HelperResponse, transfer: ArrayBuffer[] = []): void => port.postMessage(res, transfer);
  const task =
    req.type === 'render'
      ? renderProcessedStems(req.plan, SAMPLE_RATE, req.stems).then((stems) => {
          const entries = [...stems.entries()];
          reply(
            { type: 'stems', id: req.id, stems: entries },
            entries.flatMap(([, [l, r]]) => [l.buffer as ArrayBuffer, r.buffer as ArrayBuffer]),
          );
        })
      : encodeMp3(req.left, req.right, SAMPLE_RATE).then((mp3) =>
          reply({ type: 'mp3', id: req.id, mp3 }, [mp3.buffer as ArrayBuffer]),
        );
  task.catch((error: unknown) =>
    reply({ type: 'error', id: req.id, message: error instanceof Error ? error.message : String(error) }),
  );
});
