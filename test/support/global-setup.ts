import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** One folder per run for the prepared embedded databases, so no run ever sees another's data. */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'youth-care-test-data-'));
  project.provide('preparedDataRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
