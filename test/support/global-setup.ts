import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** The memory file system of Linux machines. */
const IN_MEMORY = '/dev/shm';
/** What the run may keep there at once: the prepared images, and data folders of several `npm start` and import processes. */
const ROOM_NEEDED = 2 * 1024 ** 3;

/**
 * Where the run keeps its temporary folders: in memory where there is room, since creating,
 * writing and removing the thousands of files of an embedded database's data folder cost up to
 * ten times the CPU on a disk's file system; elsewhere the system's temporary folder.
 */
function scratchParent(): string {
  try {
    const { bavail, bsize } = statfsSync(IN_MEMORY);
    accessSync(IN_MEMORY, constants.W_OK);
    if (bavail * bsize >= ROOM_NEEDED) return IN_MEMORY;
  } catch {
    // No memory file system here.
  }
  return tmpdir();
}

/**
 * One folder per run for every temporary folder of the run (test files and the processes they
 * start make theirs in TMPDIR), with the prepared embedded databases in it: no run sees another's
 * data, and whatever a test leaves behind goes with the run.
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(scratchParent(), 'youth-care-test-'));
  process.env.TMPDIR = root;
  const prepared = join(root, 'prepared');
  mkdirSync(prepared);
  project.provide('preparedDataRoot', prepared);
  return () => rmSync(root, { recursive: true, force: true });
}
