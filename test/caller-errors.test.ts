import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/src/gateway.js';
import { DEVELOPMENT_TOKEN_SECRET, loadConfig } from '@youth-care/lib/config';
import type { RunningServer } from '@youth-care/lib/http';
import { ADMIN, startFederation, supergraphAt, type Federation } from './support/federation.js';

async function send(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, ...json };
}

describe('caller mistakes', () => {
  let fed: Federation;
  let auth: Record<string, string>;
  const ask = (body: unknown) => send(fed.gatewayUrl, body, auth);

  beforeAll(async () => {
    fed = await startFederation({ label: 'caller_errors', scale: 0 });
    auth = await fed.authorization(ADMIN);
  });
  afterAll(() => fed?.stop());

  it('answers an operation name the document lacks with 400 UNKNOWN_OPERATION', async () => {
    const answer = await ask({ query: 'query A { regions { code } }', operationName: 'B' });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNKNOWN_OPERATION');
  });

  it('answers several operations without an operation name with 400 AMBIGUOUS_OPERATION', async () => {
    const answer = await ask({ query: 'query A { regions { code } } query B { productCategories { code } }' });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.code).toBe('AMBIGUOUS_OPERATION');
    const anonymous = await ask({ query: '{ regions { code } } { productCategories { code } }' });
    expect(anonymous.status).toBe(400);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(anonymous.errors?.[0]?.message).toMatch(/must be the only defined operation/);
  });

  it('answers a subscription with 400 SUBSCRIPTION_NOT_SUPPORTED', async () => {
    const answer = await ask({ query: 'subscription { regions { code } }' });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_NOT_SUPPORTED');
  });

  it('checks Date literals and variables at the gateway: 400 BAD_USER_INPUT', async () => {
    const literal = await ask({ query: '{ region(code: "JZ21") { contracts(activeOn: "2025-13-45") { id } } }' });
    expect(literal.status).toBe(400);
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activeOn' });
    const number = await ask({ query: '{ region(code: "JZ21") { contracts(activeOn: 20250101) { id } } }' });
    expect(number.status).toBe(400);
    const variable = await ask({ query: 'query($d: Date) { region(code: "JZ21") { contracts(activeOn: $d) { id } } }', variables: { d: '2025-02-30' } });
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nested = await ask({
      query: 'mutation($i: ReportWaitingTimeInput!) { reportWaitingTime(input: $i) { id } }',
      variables: { i: { region: 'JZ21', providerAgb: '12345678', productCategory: '45', reportedOn: 'yesterday', registrationToIntakeWeeks: 1, intakeToTreatmentWeeks: 1, waitingCount: 1 } },
    });
    expect(nested.status).toBe(400);
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reportedOn' });
  });

  it('checks AGB codes, IDs and cursors for shape before any SQL', async () => {
    const statements = fed.hub.statementCount;
    const cases: [string, Record<string, unknown>][] = [
      ['query($a: ID!) { provider(agbCode: $a) { name } }', { a: '1234\u00005678' }],
      ['query($a: ID!) { provider(agbCode: $a) { name } }', { a: '1234' }],
      ['{ provider(agbCode: "12345678x") { name } }', {}],
      ['query($id: ID!) { contract(id: $id) { id } }', { id: `JZ21:${'x'.repeat(5000)}` }],
      ['query($id: ID!) { contract(id: $id) { id } }', { id: 'JZ21:\u0000' }],
      ['query($c: String) { region(code: "JZ21") { clientLevel { referrals(after: $c) { totalCount } } } }', { c: 'A'.repeat(50_000) }],
      ['{ region(code: "JZ21") { clientLevel { referrals(after: "not a cursor!") { totalCount } } } }', {}],
    ];
    for (const [query, variables] of cases) {
      const answer = await ask({ query, variables });
      expect(answer.status, query).toBe(400);
      expect(answer.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(answer)).not.toMatch(/REGION_UNAVAILABLE/);
    }
    expect(fed.hub.statementCount).toBe(statements);
  });

  describe('in production', () => {
    let gateway: RunningServer;
    beforeAll(async () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        AUTH_HS256_SECRET: DEVELOPMENT_TOKEN_SECRET,
        CLAIMS_SIGNING_SECRET: fed.config.auth.claimsSecret,
      });
      const supergraphSdl = supergraphAt(Object.fromEntries(Object.entries(fed.servers).map(([name, server]) => [name, server.url])));
      gateway = await (await createGateway({ config, log: () => {}, supergraphSdl })).listen(0, '127.0.0.1');
    });
    afterAll(() => gateway?.stop());

    it('gives no field suggestions that would spell out the schema', async () => {
      const answer = await send(gateway.url, { query: '{ region(code: "JZ21") { clientLeve } }' });
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(answer)).not.toMatch(/Did you mean|clientLevel/);
      const development = await ask({ query: '{ region(code: "JZ21") { clientLeve } }' });
      expect(JSON.stringify(development)).toMatch(/Did you mean/);
    });
  });
});
