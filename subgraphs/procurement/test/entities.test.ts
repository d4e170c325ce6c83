import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';

/** `_entities` to the subgraph, as the gateway sends it, for every @key. */
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Provider { agbCode name demoData regions { code } }
  ... on Contract { id form region { code } provider { agbCode } }
  ... on WaitingTimeReport { id reportedOn provider { agbCode } totalWeeks }
  ... on Region { code name municipalities { code } }
  ... on Municipality { code name region { code } }
} }`;

let procurement: SubgraphUnderTest;
let sample: { agb: string; contractId: string; reportId: string };
beforeAll(async () => {
  procurement = await startSubgraph('procurement', { label: 'entities', scale: 0.02 });
  const { data } = await procurement.execute(`{ region(code: "JZ21") { contracts { id provider { agbCode } } latestWaitingTimes { id } } }`);
  sample = {
    agb: data.region.contracts[0].provider.agbCode,
    contractId: data.region.contracts[0].id,
    reportId: data.region.latestWaitingTimes[0].id,
  };
});
afterAll(() => procurement?.stop());

const entities = async (representations: Record<string, unknown>[]) => {
  const response = await procurement.execute(ENTITIES, { representations });
  expect(response.errors).toBeUndefined();
  return response.data._entities as Record<string, any>[];
};

describe('procurement _entities', () => {
  it('resolves Provider by agbCode, and null for an unknown one', async () => {
    const [known, unknown] = await entities([
      { __typename: 'Provider', agbCode: sample.agb },
      { __typename: 'Provider', agbCode: '00000000' },
    ]);
    expect(known).toMatchObject({ __typename: 'Provider', agbCode: sample.agb, demoData: true });
    expect(known!.regions.map((r: { code: string }) => r.code)).toContain('JZ21');
    expect(unknown).toBeNull();
  });

  it('resolves Contract by id, and null for a malformed or unknown id', async () => {
    const [known, malformed, unknown] = await entities([
      { __typename: 'Contract', id: sample.contractId },
      { __typename: 'Contract', id: 'no-region' },
      { __typename: 'Contract', id: 'JZ21:X-0000' },
    ]);
    expect(known).toMatchObject({ id: sample.contractId, region: { code: 'JZ21' }, provider: { agbCode: sample.agb } });
    expect(malformed).toBeNull();
    expect(unknown).toBeNull();
  });

  it('resolves WaitingTimeReport by id, and null for an unknown id', async () => {
    const [known, unknown, wrongRegion] = await entities([
      { __typename: 'WaitingTimeReport', id: sample.reportId },
      { __typename: 'WaitingTimeReport', id: 'JZ21:999999999' },
      { __typename: 'WaitingTimeReport', id: 'JZ99:1' },
    ]);
    expect(known).toMatchObject({ __typename: 'WaitingTimeReport', id: sample.reportId });
    expect(unknown).toBeNull();
    expect(wrongRegion).toBeNull();
  });

  it('resolves Region by code and Municipality by GM code', async () => {
    const [region, noRegion, municipality, merged] = await entities([
      { __typename: 'Region', code: 'JZ43' },
      { __typename: 'Region', code: 'JZ99' },
      { __typename: 'Municipality', code: 'GM0988' },
      { __typename: 'Municipality', code: 'GM0856' },
    ]);
    expect(region).toMatchObject({ code: 'JZ43', name: 'Midden-Limburg West' });
    expect(region!.municipalities.map((m: { code: string }) => m.code).sort()).toEqual(['GM0946', 'GM0988', 'GM1640']);
    expect(noRegion).toBeNull();
    expect(municipality).toMatchObject({ code: 'GM0988', name: 'Weert', region: { code: 'JZ43' } });
    expect(merged).toMatchObject({ code: 'GM0856', name: 'Uden', region: { code: 'JZ33' } });
  });

  it('batches many representations into one statement per region', async () => {
    const { data } = await procurement.execute(`{ providers { agbCode } }`);
    const representations = data.providers.map((p: { agbCode: string }) => ({ __typename: 'Provider', agbCode: p.agbCode }));
    expect(representations.length).toBeGreaterThan(10);
    const statements = await procurement.countStatements(() => entities(representations));
    expect(statements).toBe(procurement.config.regions.length);
  });
});
