import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badInput, maskError, regionUnavailable } from '../src/errors.js';

describe('maskError', () => {
  const logged: { message: string; detail: unknown }[] = [];
  const mask = maskError((message, detail) => logged.push({ message, detail }));

  it('passes errors thrown on purpose with their code, without a stack trace', () => {
    const error = badInput('input.waitingCount', 'input.waitingCount must be a whole number');
    const formatted = mask({ ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['at x.ts:1'] } }, error);
    expect(formatted).toEqual({ message: error.message, extensions: { code: 'BAD_USER_INPUT', field: 'input.waitingCount' } });
    const region = regionUnavailable('JZ43', 'failed');
    const located = new GraphQLError(region.message, { path: ['region', 'contracts'], originalError: region, extensions: region.extensions });
    expect(mask(located.toJSON(), located).extensions).toEqual({ code: 'REGION_UNAVAILABLE', region: 'JZ43' });
  });

  it('turns anything else into INTERNAL_SERVER_ERROR with a reference id that is in the log line with the cause', () => {
    const cause = new Error('relation "procurement_jz21.contract" does not exist');
    const wrapped = new GraphQLError(cause.message, { path: ['region', 'contracts'], originalError: cause });
    const formatted = mask(wrapped.toJSON(), wrapped);
    expect(formatted).toMatchObject({ message: 'Internal server error', path: ['region', 'contracts'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const referenceId = String(formatted.extensions?.referenceId);
    expect(logged.find((l) => l.message.includes(referenceId))?.detail).toBe(cause);
  });

  it('does not trust a code: Apollo codes every uncoded error INTERNAL_SERVER_ERROR, and a resolver may set any', () => {
    for (const code of ['INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT', 'DOWNSTREAM_SERVICE_ERROR']) {
      const raw = new GraphQLError('Enum "ContractForm" cannot represent value: "BOGUS_FORM"', { path: ['contract', 'form'], extensions: { code } });
      const formatted = mask(raw.toJSON(), raw);
      expect(formatted.message).toBe('Internal server error');
      expect(Object.keys(formatted.extensions ?? {}).sort()).toEqual(['code', 'referenceId']);
    }
  });

  it('passes the engine\'s errors about a malformed request and a subgraph\'s already masked errors', () => {
    const parse = new GraphQLError('Syntax Error: Unexpected "}".', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(mask(parse.toJSON(), parse).message).toMatch(/Syntax Error/);
    const relayed = new GraphQLError('Internal server error', {
      path: ['region', 'contracts'],
      originalError: { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', referenceId: 'abc' } } as unknown as Error,
      extensions: { code: 'INTERNAL_SERVER_ERROR', referenceId: 'abc', serviceName: 'procurement' },
    });
    expect(mask(relayed.toJSON(), relayed).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', referenceId: 'abc', serviceName: 'procurement' });
    const uncoded = new GraphQLError('column "x" does not exist', {
      originalError: { message: 'column "x" does not exist', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } } as unknown as Error,
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'procurement' },
    });
    expect(mask(uncoded.toJSON(), uncoded).message).toBe('Internal server error');
  });
});
