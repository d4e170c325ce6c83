import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedContext, launchChromium, screenshot } from './support/browser.js';
import { startFederation, type Federation } from './support/federation.js';

/*
 * Production sign-in: the web app signs a person in at a real OpenID Connect provider
 * (oidc-provider, started here) with the authorization code flow and PKCE, and asks the API with
 * the access token the provider issued. No demo roles are offered, and no token lands in
 * localStorage.
 */
const RESOURCE = 'https://graph.jeugdzorg.example';
const AUDIENCE = 'jeugdzorg-graph';

let idp: http.Server;
let issuer: string;
let federation: Federation;
let browser: Browser;
let base: string;

beforeAll(async () => {
  idp = http.createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  federation = await startFederation({
    label: 'web-oidc',
    scale: 0.02,
    env: {
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: AUDIENCE,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'youth-care-web',
      OIDC_SCOPE: 'openid',
      OIDC_RESOURCE: RESOURCE,
    },
  });
  base = federation.gatewayUrl.replace(/\/graphql$/, '');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'youth-care-web',
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${base}/`],
        post_logout_redirect_uris: [`${base}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' }] },
    pkce: { required: () => true },
    clientBasedCORS: (_, origin) => origin === new URL(base).origin,
    ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid', audience: AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    findAccount: (_, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    // The role and its region are what the gateway reads from an access token.
    extraTokenClaims: () => ({ role: 'region-analyst', region: 'JZ34' }),
  });
  idp.on('request', provider.callback());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await federation?.stop();
  await new Promise((resolve) => idp?.close(resolve));
});

describe('sign-in at the identity provider', () => {
  it('offers no demo roles and mints no demo tokens without the development secret', async () => {
    expect(await (await fetch(`${base}/auth/config`)).json()).toMatchObject({ mode: 'oidc', authority: issuer, clientId: 'youth-care-web' });
    const minted = await fetch(`${base}/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' });
    expect(minted.status).toBe(404);
  });

  it('signs in with the authorization code flow and PKCE, and shows the analyst’s dashboard', async () => {
    const { context, outside } = await guardedContext(browser, [base, issuer]);
    const page = await context.newPage();
    const authorizeRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${issuer}/auth`)) authorizeRequests.push(request.url());
    });
    await page.goto(`${base}/`);
    expect(await page.locator('#role-select').count()).toBe(0);
    await page.click('#sign-in');
    await page.waitForURL(`${issuer}/**`);
    await page.fill('input[name="login"]', 'analyst-jz34');
    await page.fill('input[name="password"]', 'any');
    await page.click('button[type="submit"]');
    await page.click('button[type="submit"]');
    await page.waitForSelector('main[data-role="region-analyst"][data-loaded="true"]');

    const authorize = new URL(authorizeRequests[0]!);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toBeTruthy();
    expect(page.url()).toBe(`${base}/`);
    expect(await page.locator('#waiting-times table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.viewer').textContent()).toMatch(/analyst-jz34/);

    const storage = await page.evaluate(() => {
      const g = globalThis as unknown as { localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null }; sessionStorage: { length: number; key(i: number): string | null } };
      const local = Array.from({ length: g.localStorage.length }, (_, i) => `${g.localStorage.key(i)}=${g.localStorage.getItem(g.localStorage.key(i) ?? '')}`);
      const session = Array.from({ length: g.sessionStorage.length }, (_, i) => g.sessionStorage.key(i) ?? '');
      return { local, session };
    });
    expect(storage.local.filter((entry) => /token|oidc|eyJ/.test(entry))).toEqual([]);
    expect(storage.session.some((key) => key.startsWith('oidc.user:'))).toBe(true);
    await screenshot(page, 'oidc-dashboard');
    // The test provider's own login page asks for web fonts; the web app asks no one.
    expect(outside.filter((request) => request.includes(` from ${base}`))).toEqual([]);
    await context.close();
  });
});
