// Diagnostic (bench only): the key essentia.js hears against the plan for one style over seeds, with
// the plan's chord progression (degrees) so a miss can be traced to the harmony.
// node --import tsx bench/key-listen.ts <style> <seed> [<seed> …]
import { decodeWav16, essentiaKey, mono } from '../engine/src/testing/reference-tools.ts';
import { renderStyle, styleById } from './render-style.ts';

const [styleId, ...seeds] = process.argv.slice(2);
const style = styleById(styleId, 'key-listen.ts <style> <seed> …');
for (const seed of seeds.map(Number)) {
  const track = await renderStyle(style, seed);
  const { channels, sampleRate } = decodeWav16(track.wav);
  const heard = essentiaKey(mono(channels), sampleRate);
  const chords =
    (track.plan.chords as { degree?: number; root?: number; symbol?: string }[] | undefined) ?? [];
  const prog = chords
    .slice(0, 8)
    .map((c) => c.symbol ?? c.degree ?? c.root)
    .join(' ');
  console.log(
    `${styleId} seed ${seed}: plan ${track.plan.key}, essentia ${heard.key} (${heard.strength.toFixed(2)})${heard.key === track.plan.key ? ' ✓' : ''} | ${prog}`,
  );
}
