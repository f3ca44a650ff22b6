import type { Db } from './client.ts';

/**
 * Builds a prepared statement once per database handle (PGlite or a pg pool) and
 * reuses it: drizzle then skips query building, and PostgreSQL plans it once per
 * connection. Only for the database itself, never a transaction.
 */
export function memoizePerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let v = cache.get(db);
    if (v === undefined) {
      v = build(db);
      cache.set(db, v);
    }
    return v;
  };
}
