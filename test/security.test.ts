import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/src/gateway.js';
import { CLAIMS_HEADER, signClaims } from '@youth-care/lib/auth/signed-claims';
import { loadConfig } from '@youth-care/lib/config';
import type { RunningServer } from '@youth-care/lib/http';
import { ADMIN, post, startFederation, supergraphAt, type Federation } from './support/federation.js';

/** Callers an outsider could fake: bad tokens, requests straight to a subgraph, oversized queries. */
let fed: Federation;
beforeAll(async () => {
  fed = await startFederation({ label: 'security', scale: 0.02 });
});
afterAll(() => fed?.stop());

const QUERY = `{ region(code: "JZ34") { name } }`;

async function token(options: { secret?: string; audience?: string; issuer?: string; expires?: number; notBefore?: number; claims?: object }) {
  const { auth } = fed.config;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'admin', ...options.claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('outsider')
    .setIssuer(options.issuer ?? auth.issuer)
    .setAudience(options.audience ?? auth.audience)
    .setIssuedAt(now)
    .setNotBefore(options.notBefore ?? now)
    .setExpirationTime(options.expires ?? now + 600)
    .sign(new TextEncoder().encode(options.secret ?? auth.hs256Secret));
}

const unsigned = (payload: object) =>
  [{ alg: 'none', typ: 'JWT' }, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';

describe('bearer tokens at the gateway', () => {
  it('serves a valid token and an anonymous caller', async () => {
    expect((await post(fed.gatewayUrl, QUERY, undefined, { authorization: `Bearer ${await token({})}` })).status).toBe(200);
    expect((await post(fed.gatewayUrl, QUERY)).data?.region.name).toBeTruthy();
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['alg none', async () => unsigned({ role: 'admin', sub: 'x', iss: fed.config.auth.issuer, aud: fed.config.auth.audience, exp: now() + 600 })],
    ['a wrong signature', () => token({ secret: 'another-secret-that-is-long-enough-to-sign' })],
    ['an expired token', () => token({ expires: now() - 120 })],
    ['a token not yet valid', () => token({ notBefore: now() + 600 })],
    ['a wrong audience', () => token({ audience: 'someone-else' })],
    ['a wrong issuer', () => token({ issuer: 'https://idp.example' })],
    ['an unknown role', () => token({ claims: { role: 'superuser' } })],
    ['garbage', async () => 'not-a-token'],
  ])('answers 401 UNAUTHENTICATED for %s', async (_kind, make) => {
    const response = await post(fed.gatewayUrl, QUERY, undefined, { authorization: `Bearer ${await make()}` });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it('tells the client which scheme it wants', async () => {
    const response = await fetch(fed.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });
});

describe('subgraphs called directly', () => {
  const direct = (headers: Record<string, string>) => post(fed.servers.access!.url, `{ referral(id: "JZ34:1") { id } }`, undefined, headers);

  it.each([
    ['without a signature', {}],
    ['with a forged signature', { [CLAIMS_HEADER]: signClaims(ADMIN, 'a-forged-secret-of-at-least-32-characters') }],
    ['with an expired signature', { [CLAIMS_HEADER]: signClaims(ADMIN, loadConfig({}).auth.claimsSecret, Date.now() - 10 * 60_000) }],
    ['with a tampered payload', { [CLAIMS_HEADER]: `${Buffer.from('{"claims":{"role":"admin","sub":"x"},"iat":1}').toString('base64url')}.${signClaims(ADMIN, loadConfig({}).auth.claimsSecret).split('.')[1]}` }],
  ])('refuses a request %s with 401', async (_kind, headers) => {
    const response = await direct(headers);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it('answers a request the gateway signed', async () => {
    const response = await direct({ [CLAIMS_HEADER]: signClaims(ADMIN, fed.config.auth.claimsSecret) });
    expect(response.status).toBe(200);
  });

  it('keeps its health endpoint open', async () => {
    const response = await fetch(fed.servers.access!.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });
});

describe('query limits, each just under and just over its bound', () => {
  const { maxDepth, maxAliases, maxTokens, maxCost } = loadConfig({}).limits;
  const send = (query: string) => fed.query(query, undefined, ADMIN);

  /**
   * `{ region { municipalities { region { ... name } } } }` of the given depth, over the region with
   * three municipalities, so executing it stays small even though its estimated cost is not.
   */
  const deep = (depth: number) => {
    let inner = 'name';
    for (let i = depth - 3; i >= 0; i--) inner = `${i % 2 === 0 ? 'municipalities' : 'region'} { ${inner} }`;
    return `{ region(code: "JZ43") { ${inner} } }`;
  };
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: productCategories { code }`).join(' ')} }`;
  /** `{ regions(codes: [...]) { code } }` is twelve tokens around the list; each code in it one more. */
  const tokens = (n: number) => `{ regions(codes: [${'"JZ34" '.repeat(n - 12)}]) { code } }`;
  /** regions (10) × providers (10) × contracts (10) × productCategories (10) × code: 11,111 per repeat. */
  const costly = (repeats: number) =>
    `{ ${Array.from({ length: repeats }, (_, i) => `r${i}: regions { providers { contracts { productCategories { code } } } }`).join(' ')} }`;

  it('depth', async () => {
    // Nested lists estimate high; this gateway lifts the cost bound so depth alone decides.
    const { gateway, stop } = await gatewayWith(loadConfig({ ...process.env, QUERY_MAX_COST: '100000000' }));
    try {
      const under = await post(gateway.url, deep(maxDepth));
      expect(under.errors).toBeUndefined();
      const over = await post(gateway.url, deep(maxDepth + 1));
      expect(over.status).toBe(400);
      expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_DEPTH_EXCEEDED', limit: 'maxDepth', max: maxDepth, actual: maxDepth + 1 });
    } finally {
      await stop();
    }
  });

  it('aliases', async () => {
    expect((await send(aliased(maxAliases))).errors).toBeUndefined();
    const over = await send(aliased(maxAliases + 1));
    expect(over.status).toBe(400);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_ALIASES_EXCEEDED', limit: 'maxAliases', max: maxAliases });
  });

  it('tokens', async () => {
    expect((await send(tokens(maxTokens))).errors).toBeUndefined();
    const over = await send(tokens(maxTokens + 1));
    expect(over.status).toBe(400);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_TOKENS_EXCEEDED', limit: 'maxTokens', max: maxTokens });
    const huge = await send(`{ ${'a '.repeat(maxTokens * 8)}}`);
    expect(huge.errors?.[0]?.extensions?.code).toBe('MAX_TOKENS_EXCEEDED');
  });

  it('estimated cost', async () => {
    const per = 11_111;
    const under = Math.floor(maxCost / per);
    expect((await send(costly(under))).errors ?? []).not.toContainEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'MAX_COST_EXCEEDED' }) }));
    const over = await send(costly(under + 1));
    expect(over.status).toBe(400);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', limit: 'maxCost', max: maxCost });
  });

  it('request body size', async () => {
    const { maxBodyBytes } = fed.config.limits;
    const padding = (n: number) => ({ query: QUERY, extensions: { pad: 'x'.repeat(n) } });
    const size = (n: number) => Buffer.byteLength(JSON.stringify(padding(n)));
    const fits = maxBodyBytes - size(0);
    const sendBody = (body: object) =>
      fetch(fed.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await sendBody(padding(fits))).status).toBe(200);
    const over = await sendBody(padding(fits + 1));
    expect(over.status).toBe(413);
  });
});

describe('browser protections', () => {
  it('refuses a simple cross-site request (CSRF prevention)', async () => {
    const response = await fetch(fed.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: QUERY }) });
    expect(response.status).toBe(400);
    const get = await fetch(`${fed.gatewayUrl}?query=${encodeURIComponent(QUERY)}`);
    expect(get.status).toBe(400);
  });

  it('answers CORS preflights for configured origins only', async () => {
    const config = loadConfig({ ...process.env, CORS_ORIGINS: 'https://dashboard.example' });
    const { gateway, stop } = await gatewayWith(config);
    try {
      const preflight = (origin: string) =>
        fetch(gateway.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect((await preflight('https://dashboard.example')).headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
      expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await stop();
    }
  });

  it('turns introspection off in production', async () => {
    const secret = 'x'.repeat(40);
    const introspect = `{ __schema { queryType { name } } }`;
    expect((await fed.query(introspect)).errors).toBeUndefined();
    const { gateway, stop } = await gatewayWith(loadConfig({ NODE_ENV: 'production', AUTH_HS256_SECRET: secret, CLAIMS_SIGNING_SECRET: secret }));
    try {
      const response = await post(gateway.url, introspect);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await stop();
    }
  });
});

async function gatewayWith(config: ReturnType<typeof loadConfig>): Promise<{ gateway: RunningServer; stop: () => Promise<void> }> {
  const urls = Object.fromEntries(Object.entries(fed.servers).map(([name, server]) => [name, server.url]));
  const gateway = await (await createGateway({ config, log: () => {}, supergraphSdl: supergraphAt(urls) })).listen(0, '127.0.0.1');
  return { gateway, stop: () => gateway.stop() };
}
