import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header a request id travels in: from the proxy or client, from the gateway to the subgraphs, back in every response. */
export const REQUEST_ID_HEADER = 'x-request-id';

const storage = new AsyncLocalStorage<string>();

/** An id the caller sent, if it is a sane one (it ends up in logs), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Runs the handling of one request with its id, so every log line written meanwhile carries it. */
export function withRequestId<R>(id: string, work: () => R): R {
  return storage.run(id, work);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}
