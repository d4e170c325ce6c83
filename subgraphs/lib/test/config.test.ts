import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, pseudonymKey } from '../src/config.js';

describe('loadConfig', () => {
  it('has defaults that run the demo with no environment at all', () => {
    const config = loadConfig({});
    expect(config.ports).toEqual({ gateway: 4000, procurement: 4001, access: 4002, monitoring: 4003 });
    expect(config.regions).toEqual(['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34']);
    expect(config.database.regionUrls).toEqual({});
    expect(config.demo).toEqual({ seed: true, scale: 1, until: undefined });
    expect(Object.isFrozen(config.database)).toBe(true);
  });

  it('gives every region the shared URL and lets a region override it', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/all',
      REGION_JZ43_DATABASE_URL: 'postgresql://db/jz43',
    });
    expect(config.database.regionUrls.JZ21).toBe('postgres://db/all');
    expect(config.database.regionUrls.JZ43).toBe('postgresql://db/jz43');
    expect(config.database.nationalUrl).toBe('postgres://db/all');
  });

  it.each([
    ['GATEWAY_PORT', 'abc'],
    ['PROCUREMENT_PORT', '70000'],
    ['REGION_TIMEOUT_MS', '0'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['REGION_JZ21_DATABASE_URL', 'not a url'],
    ['REGIONS', 'JZ21,JZ99'],
    ['DEMO_DATA', 'perhaps'],
    ['DEMO_SCALE', '-1'],
    ['DEMO_UNTIL', '2026-02-31x'],
    ['PROCUREMENT_URL', 'ftp://x'],
    ['MONITORING_PORT', '4.5'],
    ['NATIONAL_DATABASE_URL', 'http://db'],
  ])('fails at start naming %s when it is %j', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });

  it('requires a token source and a claims secret in production, each named', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CLAIMS_SIGNING_SECRET: 'c'.repeat(32) })).toThrow('AUTH_JWKS_URL or AUTH_HS256_SECRET');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_HS256_SECRET: 's'.repeat(32) })).toThrow('CLAIMS_SIGNING_SECRET');
    expect(() => loadConfig({ AUTH_HS256_SECRET: 'short' })).toThrow('AUTH_HS256_SECRET must be at least 32 characters');
    expect(() => loadConfig({ AUTH_JWKS_URL: 'ftp://idp' })).toThrow('AUTH_JWKS_URL');
    const production = loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks', CLAIMS_SIGNING_SECRET: 'c'.repeat(32) });
    expect(production.auth.hs256Secret).toBeUndefined();
    expect(production.introspection).toBe(false);
    expect(loadConfig({}).auth.hs256Secret).toMatch(/development-only/);
  });

  it('reads the query limits and names a bad one', () => {
    expect(loadConfig({ QUERY_MAX_DEPTH: '8', CORS_ORIGINS: 'https://a.example, https://b.example' })).toMatchObject({
      limits: { maxDepth: 8 },
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(() => loadConfig({ QUERY_MAX_ALIASES: 'many' })).toThrow('QUERY_MAX_ALIASES');
    expect(() => loadConfig({ MAX_BODY_BYTES: '10' })).toThrow('MAX_BODY_BYTES');
  });

  it('requires a pseudonym key per region in production, and a long one anywhere', () => {
    const secrets = { AUTH_HS256_SECRET: 's'.repeat(32), CLAIMS_SIGNING_SECRET: 'c'.repeat(32) };
    expect(() => pseudonymKey(loadConfig({ NODE_ENV: 'production', ...secrets }), 'JZ21')).toThrow('REGION_JZ21_PSEUDONYM_KEY');
    expect(pseudonymKey(loadConfig({}), 'JZ21')).toMatch(/demo-only/);
    expect(() => loadConfig({ REGION_JZ43_PSEUDONYM_KEY: 'short' })).toThrow('REGION_JZ43_PSEUDONYM_KEY');
    const key = 'k'.repeat(40);
    expect(pseudonymKey(loadConfig({ NODE_ENV: 'production', ...secrets, REGION_JZ21_PSEUDONYM_KEY: key }), 'JZ21')).toBe(key);
  });

  it('serves only the regions asked for', () => {
    expect(loadConfig({ REGIONS: 'jz21, JZ34' }).regions).toEqual(['JZ21', 'JZ34']);
    expect(loadConfig({ REGIONS: 'all' }).regions).toHaveLength(42);
    expect(loadConfig({ REGIONS: 'ZZ01,ZZ02' }).regions).toEqual(['ZZ01', 'ZZ02']);
    expect(() => loadConfig({ REGIONS: 'ZZ01', NODE_ENV: 'production', AUTH_HS256_SECRET: 'x'.repeat(32), CLAIMS_SIGNING_SECRET: 'y'.repeat(32) })).toThrow(
      /REGIONS names synthetic test region "ZZ01"/,
    );
  });
});
