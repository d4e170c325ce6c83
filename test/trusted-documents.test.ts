import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '@youth-care/lib/http';
import { createGateway } from '../gateway/src/gateway.js';
import { loadPerformanceConfig } from '../gateway/src/performance-config.js';
import { readTrustedDocuments } from '../gateway/src/trusted-documents.js';
import { startFederation, type Federation } from './support/federation.js';

const TRUSTED = '{ regions { code name } }';
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

let fed: Federation;
let dir: string;
let production: RunningServer;
let development: RunningServer;

async function send(server: RunningServer, body: Record<string, unknown>) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

beforeAll(async () => {
  fed = await startFederation({ label: 'trusted_documents', scale: 0 });
  dir = await mkdtemp(join(tmpdir(), 'trusted-'));
  const manifest = join(dir, 'manifest.json');
  await writeFile(manifest, JSON.stringify({ [hashOf(TRUSTED)]: TRUSTED }));
  const performance = loadPerformanceConfig({ TRUSTED_DOCUMENTS: manifest });
  const start = async (nodeEnv: string) =>
    (await createGateway({ config: { ...fed.config, nodeEnv }, log: () => {}, supergraphSdl: fed.supergraphSdl, performance })).listen(0, '127.0.0.1');
  production = await start('production');
  development = await start('development');
});
afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await fed?.stop();
});

const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('trusted documents', () => {
  it('runs a manifest document sent by its hash alone, or as its text', async () => {
    const hashed = await send(production, byHash(hashOf(TRUSTED)));
    expect(hashed.status).toBe(200);
    expect(hashed.body.data.regions.map((r: { code: string }) => r.code)).toContain('JZ34');
    const text = await send(production, { query: TRUSTED });
    expect(text.body).toEqual(hashed.body);
  });

  it('refuses any other document in production, by text or by hash', async () => {
    for (const body of [{ query: '{ regions { code } }' }, byHash(hashOf('{ regions { code } }'))]) {
      const refused = await send(production, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    }
  });

  it('lets a developer run other documents outside production', async () => {
    const other = await send(development, { query: '{ regions { code } }' });
    expect(other.status).toBe(200);
    expect(other.body.data.regions.length).toBeGreaterThan(0);
  });

  it('stops the start on a manifest whose hash does not match its document', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ [hashOf('{ a }')]: TRUSTED }));
    expect(() => readTrustedDocuments(bad)).toThrow(/TRUSTED_DOCUMENTS entry/);
  });
});
