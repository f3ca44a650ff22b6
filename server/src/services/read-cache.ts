/**
 * A small in-process cache for hot reads, correct under concurrent invalidation:
 * every group (a job, a user's library) has a generation; invalidating bumps it,
 * and a value loaded while the generation moved is never stored. Entries also
 * expire after `ttlMs`, which bounds staleness should a notice be lost.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { value: V; gen: number; until: number }>();
  private readonly gens = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  private gen(group: string): number {
    return this.gens.get(group) ?? 0;
  }

  invalidate(group: string): void {
    this.gens.set(group, this.gen(group) + 1);
    if (this.gens.size > this.maxEntries * 2) this.gens.clear(); // entries then fail their gen check: safe
  }

  async get(group: string, key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const fullKey = `${group}\u0000${key}`;
    const hit = this.entries.get(fullKey);
    const gen = this.gen(group);
    if (hit && hit.gen === gen && hit.until > now) return hit.value;
    const value = await load();
    if (this.gen(group) === gen) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(fullKey, { value, gen, until: now + this.ttlMs });
    }
    return value;
  }
}
