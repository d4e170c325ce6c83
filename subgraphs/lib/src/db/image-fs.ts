import { MemoryFS } from '@electric-sql/pglite';

/** Where PGlite keeps its data folder inside its file system. */
const PGDATA = '/pglite/data';
const BLOCK = 512;

/** The part of Emscripten's file system API this needs. */
interface EmscriptenFs {
  mkdirTree(path: string): void;
  createDataFile(parent: string, name: string, data: Uint8Array, canRead: boolean, canWrite: boolean, canOwn: boolean): void;
}

const field = (header: Uint8Array, from: number, to: number) => new TextDecoder().decode(header.subarray(from, to)).replace(/\0.*$/s, '');

/**
 * An in-memory data folder that starts as an image (a tar, as dumpDataDir writes it). PGlite's own
 * loadDataDir looks up every parent folder of every file and copies each file's bytes twice: some
 * 0.4 s of CPU for each database a test file starts from a prepared image. Here each folder is
 * made once and each file keeps its bytes where they lie in the image, whose buffer the file
 * system owns from then on (a Blob hands out a new buffer on every read).
 */
export class ImageFS extends MemoryFS {
  constructor(private readonly image: Blob) {
    super();
  }

  override async initialSyncFs(): Promise<void> {
    const tar = new Uint8Array(await this.image.arrayBuffer());
    const fs = (this.pg as unknown as { Module: { FS: EmscriptenFs } }).Module.FS;
    const folders = new Set<string>();
    const folder = (path: string) => {
      if (folders.has(path)) return;
      fs.mkdirTree(path);
      folders.add(path);
    };
    folder(PGDATA);
    // Two zero blocks end the archive; a header's first byte is never zero.
    for (let at = 0; at + BLOCK <= tar.length && tar[at] !== 0; ) {
      const header = tar.subarray(at, at + BLOCK);
      const prefix = field(header, 345, 500);
      const name = `${prefix ? `${prefix}/` : ''}${field(header, 0, 100)}`.replace(/^\/+|\/+$/g, '');
      const size = Number.parseInt(field(header, 124, 136).trim() || '0', 8);
      const type = header[156];
      const body = at + BLOCK;
      const path = `${PGDATA}/${name}`;
      // '5' a folder, '0' (or NUL in old archives) a file; an image holds nothing else.
      if (type === 0x35) folder(path);
      else if (type === 0x30 || type === 0) {
        const slash = path.lastIndexOf('/');
        folder(path.slice(0, slash));
        fs.createDataFile(path.slice(0, slash), path.slice(slash + 1), tar.subarray(body, body + size), true, true, true);
      }
      at = body + Math.ceil(size / BLOCK) * BLOCK;
    }
  }
}
