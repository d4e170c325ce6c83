import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestStarted } from './activity.js';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from './observability/request-id.js';
import { withServerSpan } from './observability/server-span.js';
import type { Log } from './errors.js';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';

/** A plain answer: JSON, or text when `contentType` names another type (Prometheus metrics). */
export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Thrown by a context function to turn a request away before Apollo sees it (401 for a bad token, say). */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface HttpOptions<C extends BaseContext> {
  readonly apollo: ApolloServer<C>;
  /** The request's context; may throw a Refusal. */
  readonly context: (req: http.IncomingMessage) => Promise<C>;
  /** Browser origins allowed to call; none when empty. */
  readonly corsOrigins?: readonly string[];
  /** Plain routes answered on GET, such as /health, /ready and /metrics. */
  readonly routes?: Readonly<Record<string, (req: http.IncomingMessage) => Promise<JsonAnswer>>>;
  readonly maxBodyBytes?: number;
  /** Anything else the server answers (the gateway's web pages); resolves false to pass. */
  readonly pages?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;
  /** The service's name in traces. */
  readonly service: string;
  readonly log: Log;
  /**
   * Looks at a parsed POST body after the context is built, before Apollo: it may answer in
   * Apollo's place (a cached answer), or ask to see what Apollo answered.
   */
  readonly shortcut?: (body: unknown, context: C, req: http.IncomingMessage) => Promise<Shortcut | undefined>;
}

export interface ShortcutAnswer {
  /** 200 unless given. */
  readonly status?: number;
  readonly contentType: string;
  readonly body: string;
}

export interface Shortcut {
  readonly answer?: ShortcutAnswer;
  /** Called with a complete answer Apollo gave. */
  remember?(status: number, contentType: string, body: string): void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * The body as text. One over the limit is read to its end and dropped, so the client gets to read
 * the 413; past ten times the limit the sender is not a client worth answering.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * 10) req.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('close', () => reject(new BodyTooLarge()));
    req.on('error', reject);
  });
}

function allowOrigin(req: http.IncomingMessage, res: http.ServerResponse, origins: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin || !origins.includes(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'authorization, content-type, apollo-require-preflight');
  res.setHeader('access-control-max-age', '600');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function sendAnswer(res: http.ServerResponse, answer: JsonAnswer): void {
  if (answer.contentType === undefined) {
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    sendJson(res, answer.status, answer.body);
    return;
  }
  res.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers });
  res.end(String(answer.body));
}

function graphqlError(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** A small node:http front for Apollo Server: /graphql plus a few JSON routes, nothing else. */
export function createHttpServer<C extends BaseContext>(options: HttpOptions<C>): http.Server {
  const limit = options.maxBodyBytes ?? 1_000_000;
  return http.createServer((req, res) => {
    res.once('close', requestStarted());
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    void withRequestId(requestId, async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      allowOrigin(req, res, options.corsOrigins ?? []);
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (options.pages && (await options.pages(req, res, url))) return;
      const route = options.routes?.[url.pathname];
      if (route && req.method === 'GET') {
        sendAnswer(res, await route(req));
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      await withServerSpan(req, options.service, async () => {
        let context: C;
        try {
          context = await options.context(req);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
          sendJson(res, error.status, graphqlError(error.code, error.message));
          req.resume();
          return;
        }
        let text: string;
        try {
          text = await readBody(req, limit);
        } catch (error) {
          if (error instanceof BodyTooLarge) sendJson(res, 413, graphqlError('BAD_REQUEST', `Request body exceeds ${limit} bytes`));
          return;
        }
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        let body: unknown = text;
        if ((headers.get('content-type') ?? '').includes('json') && text !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            sendJson(res, 400, graphqlError('BAD_REQUEST', 'Request body is not valid JSON'));
            return;
          }
        }
        const method = (req.method ?? 'GET').toUpperCase();
        const shortcut = method === 'POST' ? await options.shortcut?.(body, context, req) : undefined;
        if (shortcut?.answer) {
          res.writeHead(shortcut.answer.status ?? 200, {
            'content-type': shortcut.answer.contentType,
            'content-length': Buffer.byteLength(shortcut.answer.body),
          });
          res.end(shortcut.answer.body);
          return;
        }
        const request: HTTPGraphQLRequest = { method, headers, search: url.search, body };
        const response = await options.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: request,
          context: async () => context,
        });
        for (const [key, value] of response.headers) res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
          shortcut?.remember?.(res.statusCode, String(res.getHeader('content-type') ?? ''), response.body.string);
          res.end(response.body.string);
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      });
    }).catch((error: unknown) => {
      options.log('http handler failed', error);
      if (!res.headersSent) sendJson(res, 500, graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error'));
      else res.end();
    });
  });
}

/** Listens on `port` (0 picks a free one) and returns the URL and a stop that closes every connection. */
export function listen(server: http.Server, port: number, host: string, onStop: () => Promise<void>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host === 'localhost' ? undefined : host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${actual}/graphql`,
        port: actual,
        stop: async () => {
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
          await onStop();
        },
      });
    });
  });
}
