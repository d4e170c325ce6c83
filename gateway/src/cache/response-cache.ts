import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Kind, OperationTypeNode, parse, visit, type DocumentNode } from 'graphql';
import { ALL_REGIONS, versionKeys, type DataVersions, type DataSource } from '@youth-care/lib/data-versions';
import type { Log } from '@youth-care/lib/errors';
import type { Shortcut } from '@youth-care/lib/http';
import type { GatewayContext } from '../gateway.js';
import type { SecurityRules } from '../auth/field-rules.js';
import type { AnswerStore } from './answer-store.js';
import { scopeOf } from './scope.js';

type Facts = { readonly kind: 'cacheable' | 'mutation' | 'pass' };

const PASS: Facts = { kind: 'pass' };
const MAX_DOCUMENTS = 5000;
const WRITTEN: readonly DataSource[] = ['procurement', 'access', 'monitoring'];

/**
 * Fields only client-level readers or admins may read (client-level data, the audit log): every
 * such read is audited, so an answer with one of them never comes from the cache, or the read
 * would go unrecorded.
 */
export function auditedFields(rules: SecurityRules): ReadonlySet<string> {
  const names = new Set<string>();
  for (const [name, rule] of rules.fields) {
    if (rule.scopes?.every((set) => set.includes('client-level') || set.includes('admin'))) names.add(name.slice(name.indexOf('.') + 1));
  }
  return names;
}

function factsOf(document: DocumentNode, operationName: string | undefined, audited: ReadonlySet<string>): Facts {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return PASS;
  if (operation.operation === OperationTypeNode.MUTATION) return { kind: 'mutation' };
  if (operation.operation !== OperationTypeNode.QUERY) return PASS;
  let reads = false;
  visit(document, {
    Field(node) {
      if (audited.has(node.name.value)) reads = true;
    },
  });
  return reads ? PASS : { kind: 'cacheable' };
}

interface RequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

export interface ResponseCacheOptions {
  readonly store: AnswerStore;
  readonly versions: DataVersions;
  readonly rules: SecurityRules;
  readonly log: Log;
}

const hasErrors = (text: string): boolean => {
  try {
    return (JSON.parse(text) as { errors?: unknown }).errors !== undefined;
  } catch {
    return true;
  }
};

/**
 * Answers a query from the cache before Apollo Server sees it, once the caller is verified. An
 * answer is kept per document, variables and viewer scope, under the data versions of the
 * moment it was asked for; any import or mutation since then bumps a version and the answer is
 * built anew. Answers with errors, mutations and audited reads never come from the cache.
 */
export function responseCache(
  options: ResponseCacheOptions,
): (body: unknown, context: GatewayContext, req: IncomingMessage) => Promise<Shortcut | undefined> {
  const { store, versions, log } = options;
  const audited = auditedFields(options.rules);
  // A region's answer can carry other regions' rows (a provider's contracts elsewhere, CBS
  // benchmarks against every region), so an answer stands on the data of every region.
  const depends = versionKeys(ALL_REGIONS);
  const documents = new Map<string, Facts>();

  const factsFor = (request: RequestBody, operationName: string | undefined): Facts => {
    const hash = request.extensions?.persistedQuery?.sha256Hash;
    const id = typeof request.query === 'string' ? request.query : typeof hash === 'string' ? `sha256:${hash}` : undefined;
    if (id === undefined) return PASS;
    const known = documents.get(`${operationName ?? ''}\n${id}`);
    if (known) return known;
    // A persisted query known only by its hash is left to Apollo until it was seen with its text.
    if (typeof request.query !== 'string') return PASS;
    let facts: Facts;
    try {
      facts = factsOf(parse(request.query), operationName, audited);
    } catch {
      facts = PASS;
    }
    if (documents.size >= MAX_DOCUMENTS) documents.clear();
    documents.set(`${operationName ?? ''}\n${request.query}`, facts);
    if (typeof hash === 'string') documents.set(`${operationName ?? ''}\nsha256:${hash}`, facts);
    return facts;
  };

  return async (body, context, req) => {
    if (typeof body !== 'object' || body === null) return undefined;
    const request = body as RequestBody;
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const facts = factsFor(request, operationName);
    if (facts.kind === 'mutation') {
      // The subgraph bumps what it wrote; this bump covers a subgraph in another process without a shared Redis.
      return { remember: () => WRITTEN.forEach((source) => void versions.bump(source, ALL_REGIONS).catch((e: unknown) => log('data version bump failed', e))) };
    }
    if (facts.kind !== 'cacheable') return undefined;
    const document = typeof request.query === 'string' ? request.query : `sha256:${String(request.extensions?.persistedQuery?.sha256Hash)}`;
    const key = createHash('sha256')
      .update(`${scopeOf(context.viewer)}\0${req.headers.accept ?? ''}\0${operationName ?? ''}\0${document}\0${JSON.stringify(request.variables ?? null)}`)
      .digest('base64url');
    let lookup;
    try {
      lookup = await store.lookup(key, depends);
    } catch (error) {
      log('response cache lookup failed; answering without it', error);
      return undefined;
    }
    if (lookup.hit) return { answer: lookup.hit };
    const stamp = lookup.stamp;
    return {
      remember(status, contentType, text) {
        if (status !== 200 || hasErrors(text)) return;
        store.save(key, stamp, { contentType, body: text }).catch((error: unknown) => log('response cache save failed', error));
      },
    };
  };
}
