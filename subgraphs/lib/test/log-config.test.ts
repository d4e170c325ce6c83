import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const production = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks', CLAIMS_SIGNING_SECRET: 'c'.repeat(32) };

describe('log settings', () => {
  it('log readable lines at info by default, JSON lines in production, each overridable', () => {
    expect(loadConfig({}).log).toEqual({ format: 'pretty', level: 'info' });
    expect(loadConfig(production).log).toEqual({ format: 'json', level: 'info' });
    expect(loadConfig({ ...production, LOG_FORMAT: 'pretty', LOG_LEVEL: 'warn' }).log).toEqual({ format: 'pretty', level: 'warn' });
    expect(loadConfig({ LOG_FORMAT: 'JSON', LOG_LEVEL: 'Debug' }).log).toEqual({ format: 'json', level: 'debug' });
  });

  it.each([
    ['LOG_FORMAT', 'xml'],
    ['LOG_LEVEL', 'loud'],
  ])('fail at start naming %s when it is %j', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });
});
