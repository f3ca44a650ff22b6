import { fillPlaceholders, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from './client.ts';

/** A statement's text and parameters, rendered once; placeholders are filled per call. */
export interface BuiltQuery {
  text: string;
  params: unknown[];
}

function dialectOf(db: Db) {
  return (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
}

/**
 * Renders a statement written with `sql.placeholder(...)` once, for a statement on a hot path
 * whose text never changes: drizzle's query building then costs nothing per call.
 */
export function buildQuery(db: Db, query: SQL): BuiltQuery {
  const { sql: text, params } = dialectOf(db).sqlToQuery(query);
  return { text, params };
}

/**
 * Runs a statement as a named prepared statement on PostgreSQL (parsed and planned once per
 * connection: worth it for a large statement on a hot path), or as a plain query on PGlite.
 * `values` fill the statement's placeholders. Returns the rows.
 */
export async function executeNamed<T>(
  db: Db,
  name: string,
  query: SQL | BuiltQuery,
  values: Record<string, unknown> = {},
): Promise<T[]> {
  const built = 'text' in query ? query : buildQuery(db, query);
  const params = fillPlaceholders(built.params, values);
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    const result = await client.query({ name, text: built.text, values: params });
    return result.rows as T[];
  }
  const pglite = client as { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };
  return (await pglite.query(built.text, params)).rows as T[];
}
