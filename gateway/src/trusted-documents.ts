import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Shortcut } from '@youth-care/lib/http';

/** The documents the gateway accepts in trusted-documents mode, by their SHA-256 (hex). */
export type TrustedDocuments = ReadonlyMap<string, string>;

/**
 * A manifest as clients' build tools write it: a JSON object from SHA-256 to document text. Every
 * entry is checked, so a manifest with a wrong hash stops the start instead of refusing later.
 */
export function readTrustedDocuments(path: string): TrustedDocuments {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Invalid configuration: TRUSTED_DOCUMENTS ${path} is not a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new Error(`Invalid configuration: TRUSTED_DOCUMENTS ${path} must map SHA-256 hashes to documents`);
  }
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string' || sha256(text) !== hash.toLowerCase()) {
      throw new Error(`Invalid configuration: TRUSTED_DOCUMENTS entry ${hash} is not the SHA-256 of its document`);
    }
    documents.set(hash.toLowerCase(), text);
  }
  return documents;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const refusal = (message: string): Shortcut => ({
  answer: {
    status: 400,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ errors: [{ message, extensions: { code: 'PERSISTED_QUERY_NOT_TRUSTED' } }] }),
  },
});

interface RequestBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown; version?: unknown } };
}

/**
 * Trusted documents: a client sends a manifest document's hash alone (as with automatic
 * persisted queries) and the gateway fills in the text. With `refuseOthers` (production) a
 * document outside the manifest is refused before Apollo sees it; elsewhere it runs, so a
 * developer can try a query before it is in the manifest.
 */
export function withTrustedDocuments<C, R>(
  documents: TrustedDocuments,
  refuseOthers: boolean,
  next: ((body: unknown, context: C, req: R) => Promise<Shortcut | undefined>) | undefined,
): (body: unknown, context: C, req: R) => Promise<Shortcut | undefined> {
  return async (body, context, req) => {
    if (typeof body !== 'object' || body === null) return refuseOthers ? refusal('Only trusted documents may run here') : undefined;
    const request = body as RequestBody;
    const hash = request.extensions?.persistedQuery?.sha256Hash;
    if (typeof request.query === 'string') {
      if (refuseOthers && !documents.has(sha256(request.query))) return refusal('Only trusted documents may run here: this document is not in the manifest');
    } else {
      const text = typeof hash === 'string' ? documents.get(hash.toLowerCase()) : undefined;
      if (text !== undefined) request.query = text;
      else if (refuseOthers) return refusal('Only trusted documents may run here: no document with this hash is in the manifest');
    }
    return next?.(body, context, req);
  };
}
