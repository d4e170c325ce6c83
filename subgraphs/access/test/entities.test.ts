import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { pseudonymKey } from '@youth-care/lib/config';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { importJsonLines, type ImportContext } from '../src/import/importer.js';
import { FIXTURE, jsonLines } from './fixture.js';

/** `_entities` to the access subgraph, as the gateway sends it, for every @key. */
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Referral { id status provider { agbCode } municipality { code } }
  ... on Plan { id kind referral { id } goals { attainment } }
  ... on Provider { agbCode referralsReceived(from: "2025-01-01", to: "2025-12-31") { region { code } referrerType { code } referrals { value } } }
  ... on Region { code name accessStatistics(from: "2025-01-01", to: "2025-12-31") { dropout { count of } } }
  ... on Municipality { code name }
} }`;

let access: SubgraphUnderTest;
beforeAll(async () => {
  access = await startSubgraph('access', { label: 'access_entities', scale: 0, env: { REGIONS: 'JZ43' } });
  const source = (await access.subgraph.sources.source('JZ43')) as ImportContext['source'];
  await importJsonLines({ source, region: regionInfo('JZ43'), pseudonymKey: pseudonymKey(access.config, 'JZ43'), today: '2026-01-15' }, jsonLines(FIXTURE));
});
afterAll(() => access?.stop());

const entities = async (representations: Record<string, unknown>[]) => {
  const response = await access.execute(ENTITIES, { representations });
  expect(response.errors).toBeUndefined();
  return response.data._entities as Record<string, any>[];
};

describe('access _entities', () => {
  it('resolves Referral by id, and null for an unknown or malformed one', async () => {
    const [known, unknown, malformed] = await entities([
      { __typename: 'Referral', id: 'JZ43:T2' },
      { __typename: 'Referral', id: 'JZ43:T99' },
      { __typename: 'Referral', id: 'T2' },
    ]);
    expect(known).toEqual({ __typename: 'Referral', id: 'JZ43:T2', status: 'ENDED', provider: { agbCode: '99100000' }, municipality: { code: 'GM0988' } });
    expect(unknown).toBeNull();
    expect(malformed).toBeNull();
  });

  it('resolves Plan by id', async () => {
    const [plan, none] = await entities([{ __typename: 'Plan', id: 'JZ43:P5' }, { __typename: 'Plan', id: 'JZ43:P0' }]);
    expect(plan).toEqual({ __typename: 'Plan', id: 'JZ43:P5', kind: 'FUTURE_PLAN', referral: { id: 'JZ43:T5' }, goals: [{ attainment: 'PARTLY_ACHIEVED' }, { attainment: 'ACHIEVED' }] });
    expect(none).toBeNull();
  });

  it('adds the referrals a Provider received', async () => {
    const [provider] = await entities([{ __typename: 'Provider', agbCode: '99100000' }]);
    const total = provider!.referralsReceived.reduce((n: number, r: { referrals: { value: number } }) => n + r.referrals.value, 0);
    expect(total).toBe(6);
    expect(provider!.referralsReceived.every((r: { region: { code: string } }) => r.region.code === 'JZ43')).toBe(true);
  });

  it('adds access fields to Region and resolves Municipality', async () => {
    const [region, municipality] = await entities([
      { __typename: 'Region', code: 'JZ43' },
      { __typename: 'Municipality', code: 'GM1640' },
    ]);
    expect(region).toMatchObject({ code: 'JZ43', name: 'Midden-Limburg West', accessStatistics: { dropout: { count: 1, of: 3 } } });
    expect(municipality).toEqual({ __typename: 'Municipality', code: 'GM1640', name: 'Leudal' });
  });
});
