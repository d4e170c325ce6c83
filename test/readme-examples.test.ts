import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleViewers } from '../gateway/src/auth/mint.js';
import { ANONYMOUS, type Viewer } from '@youth-care/lib/auth/viewer';
import { startFederation, type Federation } from './support/federation.js';

/*
 * A new user pastes the README's examples with the tokens `npm start` prints: each must answer
 * without an error. Every GraphQL example names its token in a first-line comment (`# as: role`);
 * every curl example sends its own JSON body.
 */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const graphqlExamples = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
// A curl command runs on over lines ending in a backslash.
const curlExamples = [...README.matchAll(/curl -s http:\/\/localhost:4000\/graphql(?:[^\n]*\\\n)*[^\n]*/g)].map((m) => {
  const body = /-d '(.*)'/.exec(m[0])?.[1];
  if (!body) throw new Error(`a curl example without a -d body: ${m[0]}`);
  return { body, role: /--role ([\w-]+)/.exec(m[0])?.[1] ?? 'anonymous' };
});

// DEMO_SCALE=1 is what npm start uses; the referral histories are left out to keep this quick.
const SCALE = 1;
const viewers = exampleViewers(SCALE);
const viewerFor = (role: string): Viewer => {
  if (role === 'anonymous') return ANONYMOUS;
  const viewer = viewers.find((v) => v.role === role);
  if (!viewer) throw new Error(`npm start prints no token for role ${role}`);
  return viewer;
};

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation({ label: 'readme', scale: SCALE, history: false });
});
afterAll(() => federation?.stop());

describe('README examples', () => {
  it('finds the examples', () => {
    expect(graphqlExamples.length).toBeGreaterThanOrEqual(6);
    expect(curlExamples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(graphqlExamples.map((text, i) => [i + 1, text] as const))('GraphQL example %i answers with the token it names', async (_, text) => {
    const role = /^# as: ([\w-]+)/.exec(text)?.[1];
    expect(role, 'the example names its token').toBeDefined();
    const { errors, data } = await federation.query(text, undefined, viewerFor(role!));
    expect(errors).toBeUndefined();
    expect(Object.values(data ?? {}).every((value) => value !== null)).toBe(true);
  });

  it.each(curlExamples.map((c, i) => [i + 1, c.role, c.body] as const))('curl example %i answers as %s', async (_, role, body) => {
    const { query } = JSON.parse(body) as { query: string };
    const { errors, data } = await federation.query(query, undefined, viewerFor(role));
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
  });
});
