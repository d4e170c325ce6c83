import { createHash } from 'node:crypto';
import { dataVersions } from '@youth-care/lib/data-versions';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import type { RegionInfo } from '@youth-care/lib/regions/registry';
import { batchImported, existingState, writeBatch } from '../db/import-repository.js';
import type { AccessTables } from '../db/schema.js';
import { pseudonymiser } from '../pseudonym.js';
import { planImport, type NumberedRecord, type RecordProblem } from './batch.js';
import { checkRecord, monthStartOf } from './records.js';

export interface ImportReport {
  readonly status: 'IMPORTED' | 'ALREADY_IMPORTED' | 'REJECTED';
  readonly region: string;
  readonly records: number;
  readonly problems: RecordProblem[];
  readonly written: { trajectories: number; allocations: number; declarations: number; plans: number };
}

export interface ImportContext {
  readonly source: RegionSource<AccessTables>;
  readonly region: RegionInfo;
  readonly pseudonymKey: string;
  /** Today in the Netherlands; nothing may be dated after it. */
  readonly today: string;
}

const NOTHING = { trajectories: 0, allocations: 0, declarations: 0, plans: 0 };

/** Imports a JSON Lines batch: every record valid and in order, or nothing at all. A file without records is refused. */
export async function importJsonLines(context: ImportContext, text: string): Promise<ImportReport> {
  const parsed: { line: number; value: unknown; error?: string }[] = [];
  // Spreadsheet and Windows tools start UTF-8 files with a byte order mark.
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      parsed.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      parsed.push({ line: i + 1, value: undefined, error: 'the line is not valid JSON' });
    }
  });
  if (parsed.length === 0) {
    return { status: 'REJECTED', region: context.region.code, records: 0, problems: [{ line: 1, problems: ['the file holds no records'] }], written: NOTHING };
  }
  return importParsed(context, parsed, createHash('sha256').update(text).digest('hex'));
}

/** Imports records already parsed (the demo data takes this path), identified by `batchId`. */
export function importRecords(context: ImportContext, records: readonly unknown[], batchId: string): Promise<ImportReport> {
  return importParsed(
    context,
    records.map((value, i) => ({ line: i + 1, value })),
    batchHash(batchId),
  );
}

/** How a batch identified by name (rather than by its text) is known in the import log. */
export const batchHash = (batchId: string) => createHash('sha256').update(batchId).digest('hex');

async function importParsed(
  context: ImportContext,
  parsed: readonly { line: number; value: unknown; error?: string }[],
  hash: string,
): Promise<ImportReport> {
  const base = { region: context.region.code, records: parsed.length };
  if (await batchImported(context.source, hash)) {
    // A run stopped between writing the batch and bumping left cached answers standing: this run bumps for it.
    await dataVersions().bump('access', [context.region.code]);
    return { ...base, status: 'ALREADY_IMPORTED', problems: [], written: NOTHING };
  }

  const problems: RecordProblem[] = [];
  const records: NumberedRecord[] = [];
  for (const { line, value, error } of parsed) {
    if (error) {
      problems.push({ line, problems: [error] });
      continue;
    }
    const checked = checkRecord(value, context.region);
    if (checked.record) records.push({ line, record: checked.record });
    else {
      const v = value as { message?: unknown; trajectory?: unknown } | undefined;
      problems.push({
        line,
        ...(typeof v?.message === 'string' ? { message: v.message } : {}),
        ...(typeof v?.trajectory === 'string' ? { trajectory: v.trajectory } : {}),
        problems: checked.problems,
      });
    }
  }
  const pseudonyms = pseudonymiser(context.pseudonymKey);
  const trajectoryIds = new Set<string>();
  const planIds = new Set<string>();
  const families = new Set<string>();
  const declarationKeys: { trajectoryId: string; productCode: string; month: string }[] = [];
  for (const { record } of records) {
    if ('trajectory' in record && record.trajectory) trajectoryIds.add(record.trajectory);
    if (record.message === 'JW323') {
      declarationKeys.push({ trajectoryId: record.trajectory, productCode: record.productCode, month: monthStartOf(record.month) });
    }
    if (record.message === 'PLAN') {
      planIds.add(record.plan);
      families.add(pseudonyms.family(record.family));
    }
  }
  const existing = await existingState(context.source, [...trajectoryIds], [...planIds], [...families], declarationKeys);
  const planned = planImport(records, existing, pseudonyms, context.today);
  problems.push(...planned.problems);
  if (problems.length > 0) {
    return { ...base, status: 'REJECTED', problems: problems.sort((a, b) => a.line - b.line), written: NOTHING };
  }
  const { changes } = planned;
  await writeBatch(context.source, changes, hash, parsed.length);
  await dataVersions().bump('access', [context.region.code]);
  return {
    ...base,
    status: 'IMPORTED',
    problems: [],
    written: {
      trajectories: changes.trajectories.length,
      allocations: changes.allocations.length,
      declarations: changes.declarations.length,
      plans: changes.plans.length,
    },
  };
}
