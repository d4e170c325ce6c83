import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../schema/compose.js';
import { SUPERGRAPH_FILE } from '../schema/subgraphs.js';
import { MIX } from './bench/load.js';

describe('the committed supergraph', () => {
  it('is what composing the subgraph SDL files gives now (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('answers the query mix of the soak and chaos scripts: a mix the schema outgrew would measure only refusals', () => {
    const schema = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    for (const query of MIX) expect(validate(schema, parse(query)).map((e) => e.message), query).toEqual([]);
  });
});
