import type { RegionCode } from '../regions/registry.js';
import type { Viewer } from './viewer.js';

/** One read of client-level data: who, what, which region, when. */
export interface AuditEntry {
  readonly at: Date;
  readonly subject: string;
  readonly role: Viewer['role'];
  readonly region: RegionCode;
  /** The field read, e.g. Region.clientLevel.referrals. */
  readonly what: string;
  /** The records read (their ids), as many as the answer holds. */
  readonly records: readonly string[];
}

export type AuditWriter = (entries: readonly AuditEntry[]) => Promise<void>;

/**
 * The client-level reads of one request. They are written before the answer leaves the
 * subgraph; when writing fails the answer is withheld, so no read goes unrecorded.
 */
export class AuditTrail {
  readonly #entries: AuditEntry[] = [];

  constructor(private readonly viewer: Viewer) {}

  record(region: RegionCode, what: string, records: readonly string[]): void {
    this.#entries.push({
      at: new Date(),
      subject: this.viewer.subject ?? 'anonymous',
      role: this.viewer.role,
      region,
      what,
      records,
    });
  }

  get entries(): readonly AuditEntry[] {
    return this.#entries;
  }
}
