import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { CBS_FIXTURES } from '../src/seed.js';

/** CBS's 2023 count of young people with youth care for an area, from the shipped fixture. */
const youthCare2023 = (area: string) =>
  JSON.parse(readFileSync(join(CBS_FIXTURES, '85099NED', 'Observations.json'), 'utf8')).value.find(
    (o: any) => o.Measure === 'M001607' && o.VormenVanJeugdzorg === 'T001407' && o.Perioden === '2023JJ00' && o.RegioS === area,
  ).Value;

/** `_entities` to the monitoring subgraph, as the gateway sends it, for every key monitoring resolves. */
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Region { code
    indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) { count { value } value { value } }
    clientSatisfaction(years: [2023]) { year respondents { value suppressed } } }
  ... on Municipality { code indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) { count { value } } }
  ... on Provider { agbCode outcomes(years: [2022, 2023, 2024]) { year region { code } trajectories { value suppressed } }
    reported: clientSatisfaction { year region { code } } }
} }`;

const SCALE = 0.02;
let monitoring: SubgraphUnderTest;
beforeAll(async () => {
  monitoring = await startSubgraph('monitoring', { label: 'monitoring_entities', scale: SCALE });
});
afterAll(() => monitoring?.stop());

const entities = async (representations: Record<string, unknown>[]) => {
  const response = await monitoring.execute(ENTITIES, { representations });
  expect(response.errors).toBeUndefined();
  return response.data._entities as Record<string, any>[];
};

describe('monitoring _entities', () => {
  it('resolves Region by code with its monitoring fields, and null for a region not served', async () => {
    const [region, unknown] = await entities([
      { __typename: 'Region', code: 'JZ43' },
      { __typename: 'Region', code: 'JZ99' },
    ]);
    expect(region).toMatchObject({ code: 'JZ43', indicators: [{ count: { value: youthCare2023('JZ43') } }] });
    expect(region!.clientSatisfaction).toHaveLength(1);
    expect(unknown).toBeNull();
  });

  it('resolves Municipality by GM code, merged ones included, with its own CBS figures', async () => {
    const [weert, uden, unknown] = await entities([
      { __typename: 'Municipality', code: 'GM0988' },
      { __typename: 'Municipality', code: 'GM0856' },
      { __typename: 'Municipality', code: 'GM9999' },
    ]);
    expect(weert).toMatchObject({ code: 'GM0988', indicators: [{ count: { value: youthCare2023('GM0988') } }] });
    expect(uden).toMatchObject({ code: 'GM0856', indicators: [{ count: { value: null } }] });
    expect(unknown).toBeNull();
  });

  it("resolves Provider by AGB code with its outcome reports in each region, the same AGB codes procurement's demo data uses", async () => {
    const agb = regionDemoProviders('JZ34', SCALE)[0]!.agbCode;
    const [provider, unknown] = await entities([
      { __typename: 'Provider', agbCode: agb },
      { __typename: 'Provider', agbCode: '00000000' },
    ]);
    expect(provider).toMatchObject({ __typename: 'Provider', agbCode: agb });
    expect(provider!.outcomes.length).toBeGreaterThan(0);
    expect(provider!.outcomes.some((o: any) => o.region.code === 'JZ34')).toBe(true);
    expect(unknown).toEqual({ __typename: 'Provider', agbCode: '00000000', outcomes: [], reported: [] });
  });

  it('batches many Provider representations into one statement per region for each kind of report', async () => {
    const representations = ['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34']
      .flatMap((code) => regionDemoProviders(code as 'JZ35', SCALE))
      .map((p) => ({ __typename: 'Provider', agbCode: p.agbCode }));
    expect(representations.length).toBeGreaterThan(10);
    const statements = await monitoring.countStatements(() => entities(representations));
    expect(statements).toBe(2 * monitoring.config.regions.length);
  });
});
