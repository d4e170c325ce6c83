import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badInput, maskError, regionUnavailable } from '../src/errors.js';

describe('maskError', () => {
  const logged: unknown[] = [];
  const mask = maskError((_, detail) => logged.push(detail));

  it('passes errors thrown on purpose with their code, without a stack trace', () => {
    const error = badInput('input.waitingCount', 'input.waitingCount must be a whole number');
    const formatted = mask({ ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['at x.ts:1'] } }, error);
    expect(formatted).toEqual({ message: error.message, extensions: { code: 'BAD_USER_INPUT', field: 'input.waitingCount' } });
    const region = regionUnavailable('JZ43', 'failed');
    expect(mask(region.toJSON(), region).extensions).toEqual({ code: 'REGION_UNAVAILABLE', region: 'JZ43' });
  });

  it('turns anything else into INTERNAL_SERVER_ERROR with no detail, keeping the detail for the log', () => {
    const cause = new Error('relation "procurement_jz21.contract" does not exist');
    const wrapped = new GraphQLError(cause.message, { path: ['region', 'contracts'], originalError: cause });
    const formatted = mask(wrapped.toJSON(), wrapped);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['region', 'contracts'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toContain(cause);
    const unknownCode = new GraphQLError('boom', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', secret: 'dsn' } });
    expect(mask(unknownCode.toJSON(), unknownCode)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
