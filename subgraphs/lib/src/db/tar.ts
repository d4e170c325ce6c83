const BLOCK = 512;

export interface TarEntry {
  /** The entry's path, without leading or trailing slashes. */
  readonly name: string;
  readonly kind: 'folder' | 'file' | 'other';
  /** The file's bytes, where they lie in the archive. */
  readonly data: Uint8Array;
  /** Where the entry (header and padded data) begins and ends in the archive. */
  readonly start: number;
  readonly end: number;
}

const field = (header: Uint8Array, from: number, to: number) => new TextDecoder().decode(header.subarray(from, to)).replace(/\0.*$/s, '');

/** The entries of a tar archive (as PGlite's dumpDataDir writes it), read in place. */
export function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  // Two zero blocks end the archive; a header's first byte is never zero.
  for (let at = 0; at + BLOCK <= tar.length && tar[at] !== 0; ) {
    const header = tar.subarray(at, at + BLOCK);
    const prefix = field(header, 345, 500);
    const name = `${prefix ? `${prefix}/` : ''}${field(header, 0, 100)}`.replace(/^\/+|\/+$/g, '');
    const size = Number.parseInt(field(header, 124, 136).trim() || '0', 8);
    // '5' a folder, '0' (or NUL in old archives) a file.
    const type = header[156];
    const kind = type === 0x35 ? 'folder' : type === 0x30 || type === 0 ? 'file' : 'other';
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    yield { name, kind, data: tar.subarray(at + BLOCK, at + BLOCK + size), start: at, end };
    at = end;
  }
}

/** Ends an archive made of entries' spans. */
export const TAR_END = new Uint8Array(2 * BLOCK);
