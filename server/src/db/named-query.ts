import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from './client.ts';

/**
 * Runs a raw SQL statement as a named prepared statement on PostgreSQL (parsed and
 * planned once per connection: worth it for a large statement on a hot path), or
 * as a plain query on PGlite. Returns the rows.
 */
export async function executeNamed<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    const { sql: text, params } = (
      db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
    ).dialect.sqlToQuery(query);
    const result = await client.query({ name, text, values: params });
    return result.rows as T[];
  }
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
