import type { GraphQLError } from 'graphql';
import { regionDown, regionUnavailable, type Log } from './errors.js';
import { TIMED_OUT, withinTime } from './db/cancellation.js';
import { runQuery, runTogether, type RegionQuery } from './db/region-query.js';
import { SHARED, type RegionSource, type RegionSources } from './db/region-sources.js';
import type { RegionCode } from './regions/registry.js';
import { inRegionSpan } from './observability/region-span.js';

export interface FanOutResult<R> {
  readonly results: ReadonlyMap<RegionCode, R>;
  /** One REGION_UNAVAILABLE error per region that failed or timed out. */
  readonly failures: ReadonlyMap<RegionCode, GraphQLError>;
}

/** What each region of a fan-out came to, kept in its health and its breaker as it is recorded. */
class Outcomes<T, R> implements FanOutResult<R> {
  readonly results = new Map<RegionCode, R>();
  readonly failures = new Map<RegionCode, GraphQLError>();

  constructor(
    private readonly sources: RegionSources<T>,
    private readonly timeoutMs: number,
    private readonly log: Log,
  ) {}

  /** The regions whose breaker lets them be asked; the others fail at once as down. */
  askable(regions: readonly RegionCode[]): RegionCode[] {
    return regions.filter((code) => {
      const retryAt = this.sources.breaker.retryAt(code);
      if (retryAt !== undefined) this.failures.set(code, regionDown(code, retryAt));
      return retryAt === undefined;
    });
  }

  succeeded(code: RegionCode, result: R): void {
    this.sources.health.succeeded(code);
    this.sources.breaker.succeeded(code);
    this.results.set(code, result);
  }

  timedOut(code: RegionCode): void {
    this.log(`region ${code} timed out after ${this.timeoutMs} ms; its statements are cancelled`);
    this.sources.health.failed(code, 'timed out');
    this.sources.breaker.failed(code);
    this.failures.set(code, regionUnavailable(code, 'timed out'));
  }

  failed(code: RegionCode, error: unknown): void {
    this.log(`region ${code} failed`, error);
    this.sources.health.failed(code, 'failed');
    this.sources.breaker.failed(code);
    this.failures.set(code, regionUnavailable(code, 'failed'));
  }

  /** Runs `read` on one region within the time limit and records what came of it. */
  async ask(code: RegionCode, read: (source: RegionSource<T>) => Promise<R>): Promise<void> {
    try {
      const outcome = await withinTime(() => inRegionSpan(this.sources.service, code, () => this.sources.source(code).then(read)), this.timeoutMs);
      if (outcome === TIMED_OUT) this.timedOut(code);
      else this.succeeded(code, outcome);
    } catch (error) {
      this.failed(code, error);
    }
  }
}

/**
 * Runs a region-scoped read on several regions at once. A region that fails or takes longer than
 * `timeoutMs` becomes a REGION_UNAVAILABLE error naming it; the other regions' results stand.
 */
export async function fanOut<T, R>(
  sources: RegionSources<T>,
  regions: readonly RegionCode[],
  read: (source: RegionSource<T>) => Promise<R>,
  timeoutMs: number,
  log: Log,
): Promise<FanOutResult<R>> {
  const outcomes = new Outcomes<T, R>(sources, timeoutMs, log);
  await Promise.all(outcomes.askable(regions).map((code) => outcomes.ask(code, read)));
  return outcomes;
}

/**
 * The most regions one statement answers on a server. The server plans every region's part of a
 * statement one after the other, on one connection; several statements are planned side by side.
 */
const REGIONS_PER_STATEMENT = 8;

/** `items` in as few chunks of at most `size` as can be, as even as can be. */
function evenChunks<T>(items: readonly T[], size: number): T[][] {
  const count = Math.ceil(items.length / size);
  return Array.from({ length: count }, (_, i) => items.slice(Math.floor((i * items.length) / count), Math.floor(((i + 1) * items.length) / count)));
}

/**
 * fanOut for a query that regions sharing a database answer in one statement (see runTogether),
 * a few regions per statement (REGIONS_PER_STATEMENT).
 * When that statement fails, its regions are asked again one by one, so that one broken region
 * does not take the others with it. When it runs out of time, all of them have: they wait on the
 * same database.
 */
export async function fanOutTogether<T, Row>(
  sources: RegionSources<T>,
  regions: readonly RegionCode[],
  query: (source: RegionSource<T>) => RegionQuery<Row>,
  timeoutMs: number,
  log: Log,
): Promise<FanOutResult<Row[]>> {
  const outcomes = new Outcomes<T, Row[]>(sources, timeoutMs, log);
  const alone = (source: RegionSource<T>) => runQuery(source.db, query(source));
  const byCode = new Map<RegionCode, RegionSource<T>>();
  // A region not prepared yet is asked on its own, within the time limit like any other read.
  const unprepared: RegionCode[] = [];
  for (const code of outcomes.askable(regions)) {
    const source = sources.prepared(code);
    if (source) byCode.set(code, source);
    else unprepared.push(code);
  }
  const groups = sources
    .byDatabase([...byCode.keys()])
    // The embedded database runs one statement at a time: more statements would only cost more.
    .flatMap(({ db, embedded, codes }) => (embedded ? [codes] : evenChunks(codes, REGIONS_PER_STATEMENT)).map((chunk) => ({ db, codes: chunk })));
  await Promise.all([
    ...unprepared.map((code) => outcomes.ask(code, alone)),
    ...groups.map(async ({ db, codes }) => {
      if (codes.length === 1) return outcomes.ask(codes[0]!, alone);
      const parts = codes.map((code) => ({ code, query: query(byCode.get(code)!) }));
      try {
        const outcome = await withinTime(() => inRegionSpan(sources.service, SHARED, () => runTogether(db, parts)), timeoutMs);
        if (outcome === TIMED_OUT) codes.forEach((code) => outcomes.timedOut(code));
        else for (const [code, rows] of outcome) outcomes.succeeded(code, rows);
      } catch (error) {
        log(`regions ${codes.join(', ')} failed together; asking each on its own`, error);
        await Promise.all(codes.map((code) => outcomes.ask(code, alone)));
      }
    }),
  ]);
  return outcomes;
}
