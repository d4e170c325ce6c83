import type { PGlite, Transaction } from '@electric-sql/pglite';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type postgres from 'postgres';
import { sqlDuration, sqlErrors } from './metrics.js';

/** Whose statements these are: the subgraph and the region (or "national"). */
export interface StatementLabels {
  readonly service: string;
  readonly region: string;
}

const tracer = trace.getTracer('youth-care-federation/sql');

/**
 * Starts watching one statement: a span named for its verb, carrying the statement text and
 * never its parameters (they may name a client), and the latency histogram of its region.
 * Returns the function that ends both.
 */
function observe(labels: StatementLabels, text: string): (error?: unknown) => void {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  const span = tracer.startSpan(
    `${verb} ${labels.service}_${labels.region.toLowerCase()}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': 'postgresql', 'db.statement': text, 'youthcare.region': labels.region, 'youthcare.service': labels.service },
    },
    context.active(),
  );
  const timer = sqlDuration.startTimer(labels);
  return (error) => {
    timer();
    if (error !== undefined) {
      sqlErrors.inc(labels);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    }
    span.end();
  };
}

async function watched<R>(labels: StatementLabels, text: string, run: () => Promise<R>): Promise<R> {
  const finish = observe(labels, text);
  try {
    const result = await run();
    finish();
    return result;
  } catch (error) {
    finish(error);
    throw error;
  }
}

type PgliteLike = Pick<PGlite, 'query' | 'transaction'> | Transaction;

/** The embedded database as drizzle uses it (`query`, `transaction`), every statement watched. */
export function watchPglite<C extends PgliteLike>(client: C, labels: StatementLabels): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (text: string, ...rest: unknown[]) =>
          watched(labels, text, () => (target.query as (t: string, ...r: unknown[]) => Promise<unknown>)(text, ...rest));
      }
      if (property === 'transaction' && 'transaction' in target) {
        return <R>(work: (tx: Transaction) => Promise<R>) => target.transaction((tx) => work(watchPglite(tx, labels)));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A postgres.js query starts when first awaited; drizzle calls `.values()` on it first. Both
 * lead to one awaited run, which ends the statement's span and timer.
 */
function watchedQuery(query: postgres.PendingQuery<postgres.Row[]>, labels: StatementLabels, text: string) {
  const finish = observe(labels, text);
  let run: Promise<unknown> | undefined;
  const settle = () =>
    (run ??= Promise.resolve(query).then(
      (rows) => {
        finish();
        return rows;
      },
      (error: unknown) => {
        finish(error);
        throw error;
      },
    ));
  const thenable = { then: (done?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) => settle().then(done, fail) };
  return new Proxy(query, {
    get(target, property, receiver) {
      if (property === 'then') return thenable.then;
      if (property === 'values') {
        return () => {
          target.values();
          return thenable;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A postgres.js client as drizzle uses it (`unsafe`, `begin`, `savepoint`), every statement watched. */
export function watchPostgres<C extends postgres.Sql | postgres.TransactionSql>(client: C, labels: StatementLabels): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (text: string, ...rest: unknown[]) =>
          watchedQuery((target.unsafe as (t: string, ...r: unknown[]) => postgres.PendingQuery<postgres.Row[]>)(text, ...rest), labels, text);
      }
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => Promise<unknown>;
          return open.call(target, ...args, (tx: postgres.TransactionSql) => work(watchPostgres(tx, labels)));
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
