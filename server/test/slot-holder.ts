// A process that takes one per-user slot in Redis, prints "held", and keeps it (refreshing its
// lease) until it is killed: the holder that dies in services/user-slots.test.ts.
// Arguments: redis url, key prefix, user id, lease ms.
import { createRedisUserSlots } from '../src/services/user-slots.ts';

const [url, prefix, userId, ttlMs] = process.argv.slice(2);
if (!url || !prefix || !userId || !ttlMs) throw new Error('usage: slot-holder URL PREFIX USER TTL_MS');
const slots = createRedisUserSlots({ url, prefix, timeoutMs: 2000, ttlMs: Number(ttlMs) });
await slots.ready();
const slot = await slots.take('event-streams', userId, 1);
console.log(slot ? 'held' : 'refused');
setInterval(() => {}, 60_000); // kept alive until killed
