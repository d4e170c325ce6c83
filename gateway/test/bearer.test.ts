import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ANONYMOUS, type Viewer } from '@youth-care/lib/auth/viewer';
import { DEVELOPMENT_TOKEN_SECRET, loadConfig, type AuthConfig } from '@youth-care/lib/config';
import { createBearerVerifier, Unauthenticated } from '../src/auth/bearer.js';
import { exampleViewers, mintToken } from '../src/auth/mint.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const auth = loadConfig({}).auth;
const verify = createBearerVerifier(auth);
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Valid claims for a region analyst, for the tests that spoil one thing at a time. */
const analyst = (): JWTPayload => ({ sub: 'a', role: 'region-analyst', region: 'JZ34', iss: auth.issuer, aud: auth.audience, exp: now() + 600 });

function hs256(payload: JWTPayload, secret = DEVELOPMENT_TOKEN_SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** The reason a header is refused with; fails the test when it is accepted or fails otherwise. */
async function refusal(check: (header: string | undefined) => Promise<Viewer>, header: string): Promise<string> {
  const error = await check(header).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Unauthenticated);
  return (error as Error).message;
}

describe('bearer tokens signed with the HS256 secret', () => {
  it('verifies a minted token of each role to its viewer', async () => {
    for (const viewer of exampleViewers()) {
      expect(await verify(`Bearer ${await mintToken(auth, viewer)}`)).toEqual(viewer);
    }
    expect(exampleViewers().map((v) => v.role)).toEqual(['provider', 'region-analyst', 'learning-circle', 'admin']);
  });

  it('makes a request without a header anonymous', async () => {
    expect(await verify(undefined)).toBe(ANONYMOUS);
    expect(await verify('')).toBe(ANONYMOUS);
  });

  it('accepts the scheme in any case', async () => {
    expect(await verify(`bearer ${await hs256(analyst())}`)).toEqual({ role: 'region-analyst', subject: 'a', region: 'JZ34' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(analyst())}.`;
    expect(await refusal(verify, `Bearer ${token}`)).toBe('token algorithm is not allowed');
  });

  it('refuses a token signed with another secret', async () => {
    expect(await refusal(verify, `Bearer ${await hs256(analyst(), 'z'.repeat(40))}`)).toBe('token signature is invalid');
  });

  it('refuses an expired token, also one minted for the past', async () => {
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), exp: now() - 60 })}`)).toBe('token expired');
    const old = await mintToken(auth, exampleViewers()[3]!, { now: new Date(Date.now() - 9 * 3600_000) });
    expect(await refusal(verify, `Bearer ${old}`)).toBe('token expired');
  });

  it('tolerates a few seconds of clock skew but no more', async () => {
    expect((await verify(`Bearer ${await hs256({ ...analyst(), nbf: now() + 2 })}`)).role).toBe('region-analyst');
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), nbf: now() + 60 })}`)).toBe('token is not yet valid');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), aud: 'someone-else' })}`)).toBe('token audience is wrong');
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), iss: 'someone-else' })}`)).toBe('token issuer is wrong');
  });

  it('caps the lifetime at AUTH_MAX_TOKEN_LIFETIME_S (24 h by default) and refuses an iat in the future', async () => {
    const day = 24 * 3600;
    expect((await verify(`Bearer ${await hs256({ ...analyst(), iat: now(), exp: now() + day })}`)).role).toBe('region-analyst');
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), iat: now(), exp: now() + day + 60 })}`)).toMatch(/lifetime exceeds 86400 s/);
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), exp: now() + 365 * day })}`)).toMatch(/lifetime exceeds/);
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), iat: now() - 2 * day, exp: now() + 600 })}`)).toMatch(/lifetime exceeds/);
    expect((await verify(`Bearer ${await hs256({ ...analyst(), iat: now() + 30 })}`)).role).toBe('region-analyst');
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), iat: now() + 120 })}`)).toBe('token is issued in the future');
    const hour = createBearerVerifier(loadConfig({ AUTH_MAX_TOKEN_LIFETIME_S: '3600' }).auth);
    expect(await refusal(hour, `Bearer ${await mintToken(auth, exampleViewers()[3]!)}`)).toMatch(/lifetime exceeds 3600 s/);
  });

  it('refuses a token without expiry', async () => {
    const { exp: _, ...forever } = analyst();
    expect(await refusal(verify, `Bearer ${await hs256(forever)}`)).toBe('token has no valid expiry');
  });

  it('refuses claims the gateway cannot turn into a viewer', async () => {
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), role: 'superuser' })}`)).toMatch(/^token claims are invalid: claim role/);
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), role: 'anonymous' })}`)).toMatch(/^token claims are invalid: claim role/);
    expect(await refusal(verify, `Bearer ${await hs256({ ...analyst(), role: 'provider' })}`)).toBe(
      'token claims are invalid: claim agb must be an AGB code of 8 digits',
    );
  });

  it('refuses a malformed header or token', async () => {
    for (const header of ['Basic x', 'Bearer', 'Bearer ', 'Bearer a b', 'Token abc']) {
      expect(await refusal(verify, header)).toBe("authorization header must be 'Bearer <token>'");
    }
    expect(await refusal(verify, 'Bearer garbage')).toBe('token is malformed');
    expect(await refusal(verify, 'Bearer a.b.c')).toBe('token is malformed');
  });

  it('refuses to mint without a secret or for an anonymous viewer', async () => {
    await expect(mintToken({ ...auth, hs256Secret: undefined }, exampleViewers()[0]!)).rejects.toThrow(/no HS256 secret/);
    await expect(mintToken(auth, ANONYMOUS)).rejects.toThrow(/anonymous/);
  });
});

describe('bearer tokens signed with keys from a JWKS', () => {
  let server: Server;
  let url: string;
  let keys: Record<'rs' | 'es' | 'stranger', CryptoKey>;

  const signed = (kid: keyof typeof keys, alg: string, payload = analyst()) =>
    new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(keys[kid]);

  beforeAll(async () => {
    const rs = await generateKeyPair('RS256');
    const es = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('RS256');
    keys = { rs: rs.privateKey, es: es.privateKey, stranger: stranger.privateKey };
    const jwks = JSON.stringify({
      keys: [
        { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
      ],
    });
    server = createServer((req, res) => {
      if (req.url === '/jwks.json') res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const production = (jwksUrl: string): AuthConfig =>
    loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: jwksUrl, CLAIMS_SIGNING_SECRET: 'x'.repeat(32) }).auth;

  it('verifies RS256 and ES256 tokens signed with a published key', async () => {
    const check = createBearerVerifier(production(`${url}/jwks.json`));
    expect(await check(`Bearer ${await signed('rs', 'RS256')}`)).toEqual({ role: 'region-analyst', subject: 'a', region: 'JZ34' });
    expect(await check(`Bearer ${await signed('es', 'ES256')}`)).toEqual({ role: 'region-analyst', subject: 'a', region: 'JZ34' });
  });

  it('refuses a token signed with a key the set does not hold', async () => {
    const check = createBearerVerifier(production(`${url}/jwks.json`));
    expect(await refusal(check, `Bearer ${await signed('stranger', 'RS256')}`)).toBe('token signing key is unknown');
  });

  it('refuses an HS256 token when only the JWKS is configured', async () => {
    const config = production(`${url}/jwks.json`);
    expect(config.hs256Secret).toBeUndefined();
    expect(await refusal(createBearerVerifier(config), `Bearer ${await hs256(analyst())}`)).toBe('token algorithm is not allowed');
  });

  it('chooses the key by algorithm when both the secret and the JWKS are configured', async () => {
    const both = loadConfig({ AUTH_JWKS_URL: `${url}/jwks.json`, AUTH_HS256_SECRET: 'y'.repeat(32) }).auth;
    const check = createBearerVerifier(both);
    expect((await check(`Bearer ${await signed('es', 'ES256')}`)).role).toBe('region-analyst');
    expect((await check(`Bearer ${await hs256(analyst(), 'y'.repeat(32))}`)).role).toBe('region-analyst');
    expect(await refusal(check, `Bearer ${await hs256(analyst())}`)).toBe('token signature is invalid');
    expect(await refusal(check, `Bearer ${b64({ alg: 'none' })}.${b64(analyst())}.`)).toBe('token algorithm is not allowed');
  });

  it('refuses, without crashing, when the JWKS cannot be fetched', async () => {
    const check = createBearerVerifier(production(`${url}/down`));
    const error = await check(`Bearer ${await signed('rs', 'RS256')}`).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Unauthenticated);
    expect((error as Error).message).toBe('token could not be verified');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('the token command', () => {
  // The command reads the environment; the test's tokens are for the default development config.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AUTH_|NODE_ENV$)/.test(name)));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['subgraphs/lib/src/run-typescript.mjs', 'gateway/src/token.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });

  it('prints a token the gateway accepts as that viewer', async () => {
    const { status, stdout, stderr } = run('--role', 'provider', '--agb', '12345678', '--sub', 'zorgaanbieder');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await verify(`Bearer ${stdout.trim()}`)).toEqual({ role: 'provider', subject: 'zorgaanbieder', agbCode: '12345678' });
  });

  it('exits 2 with a one-line usage message on bad arguments', () => {
    const { status, stdout, stderr } = run('--role', 'provider');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^token: --role provider needs --agb; usage: npm run token -- .*\n$/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
