import type { PGlite } from '@electric-sql/pglite';
import { TAR_END, tarEntries } from '@youth-care/lib/db/tar';

const SEGMENT = /^pg_wal\/([0-9A-F]{24})$/;

/**
 * An image (PGlite's dumpDataDir) of the embedded database as it is now, for test files to start
 * from. Taken after a checkpoint, so a database loading it has no WAL to replay as it starts; and
 * without the WAL segments outside the checkpoint's, which a checkpoint keeps (recycled, 16 MB
 * each) only for writes to come: every file that loads the image would copy them in for nothing.
 */
export async function compactImage(pglite: PGlite): Promise<Uint8Array<ArrayBuffer>> {
  await pglite.exec('CHECKPOINT');
  const { rows } = await pglite.query<{ redo: string; current: string }>(
    'SELECT redo_wal_file AS redo, pg_walfile_name(pg_current_wal_insert_lsn()) AS current FROM pg_control_checkpoint()',
  );
  const { redo, current } = rows[0]!;
  const tar = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
  return withoutEntries(tar, (name) => {
    const segment = SEGMENT.exec(name)?.[1];
    return segment !== undefined && (segment < redo || segment > current);
  });
}

/** A tar archive without the entries whose name `drop` picks. */
function withoutEntries(tar: Uint8Array, drop: (name: string) => boolean): Uint8Array<ArrayBuffer> {
  const kept = [...tarEntries(tar)].filter((entry) => !drop(entry.name)).map((entry) => tar.subarray(entry.start, entry.end));
  kept.push(TAR_END);
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
