/**
 * The ArrayBuffers that can be moved (not copied) to another thread with these arrays: only those
 * an array spans whole. A view into a larger or shared buffer (Node's Buffer pool, a subarray)
 * is copied instead, since transferring it would detach memory that others still use.
 */
export function transferables(arrays: readonly (Uint8Array | Float32Array | undefined)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a && a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
      buffers.add(a.buffer);
  }
  return [...buffers];
}
