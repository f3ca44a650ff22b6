import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { files } from '../db/schema/index.ts';
import { notFound } from './errors.ts';
import {
  contentTypeForReference,
  type ObjectStorage,
  type ReferenceExtension,
  referenceKey,
} from './storage/index.ts';

export type FileRow = typeof files.$inferSelect;

/** The analyser's format names → the extension a reference is stored under. */
export const EXTENSION_OF_FORMAT: Record<string, ReferenceExtension> = {
  mp3: 'mp3',
  wav: 'wav',
  flac: 'flac',
  'ogg-vorbis': 'ogg',
  'ogg-opus': 'opus',
};

/**
 * Stores an analysed reference upload: the object first, then its row. If the row
 * cannot be written the object is removed again, so a failure leaves nothing.
 */
export async function storeReference(
  db: Db,
  storage: ObjectStorage,
  input: {
    userId: string;
    bytes: Uint8Array;
    format: string;
    originalFilename: string | null;
    metadata: Record<string, unknown>;
  },
): Promise<FileRow> {
  const ext = EXTENSION_OF_FORMAT[input.format];
  if (!ext) throw new Error(`no storage extension for format ${input.format}`);
  const id = crypto.randomUUID();
  const key = referenceKey({ userId: input.userId, fileId: id, ext });
  const contentType = contentTypeForReference(ext);
  await storage.put(key, input.bytes, { contentType });
  try {
    const [row] = await db
      .insert(files)
      .values({
        id,
        userId: input.userId,
        kind: 'REFERENCE',
        originalFilename: input.originalFilename?.slice(0, 255) ?? null,
        storageKey: key,
        contentType,
        fileSize: input.bytes.byteLength,
        metadata: input.metadata,
      })
      .returning();
    return row!;
  } catch (err) {
    await storage.delete(key).catch(() => {});
    throw err;
  }
}

export async function getOwnFile(db: DbOrTx, userId: string, fileId: string): Promise<FileRow> {
  const rows = await db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.userId, userId)));
  if (!rows[0]) throw notFound('file');
  return rows[0];
}
