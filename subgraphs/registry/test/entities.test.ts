import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';

/** `_entities` to the registry, as the gateway sends it, for both @keys. */
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Region { code name municipalities(on: "2023-06-01") { code } youthPopulation(year: 2023) { youth0to17 status } }
  ... on Municipality { code name region { code } validUntil }
} }`;

let registry: SubgraphUnderTest;
beforeAll(async () => {
  // The registry reads no database; it must answer with none behind it.
  registry = await startSubgraph('registry', { label: 'registry', scale: 0, env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' } });
});
afterAll(() => registry?.stop());

describe('registry', () => {
  it('answers the entry points from memory, with no database reachable', async () => {
    const statements = registry.hub.statementCount;
    const { data, errors } = await registry.execute(`{
      regions { code name cbsName }
      region(code: "jz34") { code name }
      municipality(code: "GM0855") { name region { code } }
      productCategories { code name }
    }`);
    expect(errors).toBeUndefined();
    expect(data.regions.map((r: { code: string }) => r.code)).toEqual(['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34']);
    expect(data.region).toEqual({ code: 'JZ34', name: 'West-Brabant Oost' });
    expect(data.municipality).toEqual({ name: 'Tilburg', region: { code: 'JZ35' } });
    expect(data.productCategories).toHaveLength(16);
    expect(registry.hub.statementCount).toBe(statements);
  });

  it('turns away an unknown region code with BAD_USER_INPUT and an unserved one with null', async () => {
    const unknown = await registry.execute(`{ regions(codes: ["JZ99"]) { code } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await registry.execute(`{ region(code: "JZ99") { code } }`)).data).toEqual({ region: null });
  });

  it('resolves Region by code and Municipality by GM code, merged ones included', async () => {
    const { data, errors } = await registry.execute(ENTITIES, {
      representations: [
        { __typename: 'Region', code: 'JZ43' },
        { __typename: 'Region', code: 'JZ99' },
        { __typename: 'Municipality', code: 'GM0988' },
        { __typename: 'Municipality', code: 'GM0856' },
      ],
    });
    expect(errors).toBeUndefined();
    const [region, noRegion, weert, uden] = data._entities;
    expect(region).toMatchObject({ code: 'JZ43', name: 'Midden-Limburg West', youthPopulation: { status: 'ESTIMATE' } });
    expect(region.municipalities.map((m: { code: string }) => m.code).sort()).toEqual(['GM0946', 'GM0988', 'GM1640']);
    expect(noRegion).toBeNull();
    expect(weert).toMatchObject({ code: 'GM0988', name: 'Weert', region: { code: 'JZ43' }, validUntil: null });
    expect(uden).toMatchObject({ code: 'GM0856', name: 'Uden', region: { code: 'JZ33' }, validUntil: '2021-12-31' });
  });
});
