import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../schema/compose.js';
import { SUPERGRAPH_FILE } from '../schema/subgraphs.js';

describe('the committed supergraph', () => {
  it('is what composing the subgraph SDL files gives now (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });
});
