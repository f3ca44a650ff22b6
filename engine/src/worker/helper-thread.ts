// Helper thread beside the engine thread: runs each job's mix bus (mixdown.ts) while the engine
// thread synthesises, so channel strips, stem WAVs and the ZIP overlap with synthesis, and the WAV
// and preview MP3 overlap with the full MP3's encoding. It holds no soundfont.
import { parentPort } from 'node:worker_threads';
import { JobArena } from '../job-arena.ts';
import { Mixdown } from '../mixdown.ts';
import { collectGarbage } from './collect-garbage.ts';
import type { HelperRequest, HelperResponse } from './protocol.ts';
import { transferables } from './transfer.ts';

if (!parentPort) throw new Error('helper-thread.ts must run in a worker thread');
const port = parentPort;
const sessions = new Map<number, { mixdown: Mixdown; error?: Error }>();

const reply = (res: HelperResponse, transfer: ArrayBuffer[] = []): void => port.postMessage(res, transfer);
const replyError = (id: number, error: unknown): void =>
  reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });

port.on('message', (req: HelperRequest) => {
  if (req.type === 'open') {
    sessions.set(req.id, { mixdown: new Mixdown(req.plan, new JobArena(req.frames, req.arena)) });
    return;
  }
  if (req.type === 'dispose') {
    sessions.delete(req.id);
    collectGarbage();
    return;
  }
  const session = sessions.get(req.id);
  if (!session) return replyError(req.id, 'no such mixdown');
  if (req.type === 'stem') {
    // A failure is kept and reported when the master is asked for; the slot is released either
    // way, so the engine thread never waits for it in vain.
    if (!session.error) {
      try {
        session.mixdown.addStem(req.name, session.mixdown.arena.stemSlot(req.slot));
      } catch (error) {
        session.error = error instanceof Error ? error : new Error(String(error));
      }
    }
    reply({ type: 'released', id: req.id, slot: req.slot });
    return;
  }
  if (req.type === 'master') {
    if (session.error) return replyError(req.id, session.error);
    try {
      const { left, right, ...stats } = session.mixdown.master();
      reply({ type: 'mastered', id: req.id, stats });
    } catch (error) {
      replyError(req.id, error);
    }
    return;
  }
  session.mixdown.finish().then(
    (outputs) => {
      const files = [outputs.wav, outputs.stemsZip, outputs.previewMp3];
      reply({ type: 'outputs', id: req.id, outputs }, transferables(files));
    },
    (error: unknown) => replyError(req.id, error),
  );
});
