/**
 * One CBS table as read from either OData service, before its codes are matched to what
 * monitoring expects (tables.ts): identifiers and titles exactly as the file holds them.
 */
export interface RawCbsTable {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly modified: string | null;
  readonly measures: readonly RawMeasure[];
  /** Every dimension's codes, RegioS and Perioden included; a period's code carries CBS's status text. */
  readonly dimensions: ReadonlyMap<string, ReadonlyMap<string, RawCode>>;
  readonly observations: readonly RawObservation[];
}

export interface RawMeasure {
  readonly identifier: string;
  readonly title: string;
  readonly unit: string | null;
  readonly decimals: number | null;
}

export interface RawCode {
  readonly title: string;
  readonly status: unknown;
}

export interface RawObservation {
  readonly cbsId: number;
  /** Where the figure stands in its file, for problems. */
  readonly where: string;
  readonly measure: string;
  /** The code of every dimension, RegioS and Perioden included. */
  readonly members: Readonly<Record<string, string>>;
  /** Null when CBS publishes no figure; `marker` then says why. */
  readonly value: number | null;
  readonly marker: string | null;
}

/** CBS's own "no figure" sign in text: unknown, or secret under its disclosure rules. */
export const SECRET_STRING = '.';
