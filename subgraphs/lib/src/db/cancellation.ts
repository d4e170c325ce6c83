import { AsyncLocalStorage } from 'node:async_hooks';

/** How to call off a statement sent to a database server. */
type Cancel = () => void;

const current = new AsyncLocalStorage<Set<Cancel>>();

/** Records a statement with the work it runs for, if that work can be cancelled. */
export function track<Q>(query: Q, cancel: Cancel): Q {
  current.getStore()?.add(cancel);
  return query;
}

/**
 * Runs `work` so that every server statement it sends can be cancelled together: a read that
 * outlived its time limit must not keep waiting in PostgreSQL (on a lock, say) and hold its pool
 * connection after the caller was answered.
 */
export function cancellable<R>(work: () => Promise<R>): { readonly result: Promise<R>; cancel(): void } {
  const statements = new Set<Cancel>();
  const result = current.run(statements, work);
  return {
    result,
    cancel() {
      // postgres.js sends a cancel request only for a statement still running, so one that has
      // finished (its connection perhaps busy with another request by now) is left alone.
      for (const cancel of statements) cancel();
      statements.clear();
    },
  };
}

export const TIMED_OUT = Symbol('timed out');

/** `work`'s result, or TIMED_OUT after `timeoutMs`, when every statement it sent is cancelled. */
export async function withinTime<R>(work: () => Promise<R>, timeoutMs: number): Promise<R | typeof TIMED_OUT> {
  const running = cancellable(work);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    const outcome = await Promise.race([running.result, timeout]);
    if (outcome === TIMED_OUT) {
      // The cancelled statements fail; no one waits for them any more.
      running.result.catch(() => {});
      running.cancel();
    }
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
