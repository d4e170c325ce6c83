import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from './support/federation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('a bad value in a region store, read through the gateway', () => {
  let fed: Federation;
  const lines: { component: string; message: string; detail: unknown }[] = [];
  let contractId: string;

  beforeAll(async () => {
    fed = await startFederation({ label: 'masking', scale: 0.02, log: (component) => (message, detail) => void lines.push({ component, message, detail }) });
    const { db, tables } = await fed.procurementSubgraph.sources.source('JZ21');
    const [row] = await db.select({ id: tables.contract.id }).from(tables.contract).orderBy(tables.contract.id).limit(1);
    contractId = `JZ21:${row!.id}`;
    // Neither value can come in through the graph; a faulty import or a hand edit could store them.
    await db
      .update(tables.contract)
      .set({ form: 'BOGUS_FORM' as 'TENDER', endsOn: '12345-01-01' })
      .where(eq(tables.contract.id, row!.id));
  });
  afterAll(() => fed?.stop());

  const logged = (referenceId: string) => lines.filter((l) => l.message.includes(referenceId));

  it('answers Internal server error with a reference id that names the log line holding the cause', async () => {
    const response = await fed.query(`query($id: ID!) { contract(id: $id) { id form } }`, { id: contractId });
    const body = JSON.stringify(response);
    expect(body).not.toMatch(/BOGUS|ContractForm|cannot represent/i);
    const error = response.errors?.find((e) => e.path?.join('.') === 'contract.form');
    expect(error).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const referenceId = String(error?.extensions?.referenceId);
    expect(referenceId).toMatch(UUID);
    const [line] = logged(referenceId);
    expect(line?.component).toBe('procurement');
    expect(String((line?.detail as Error).message)).toMatch(/ContractForm.*BOGUS_FORM/);
  });

  it('masks a stored date out of range as a server fault, never as the caller\'s', async () => {
    const response = await fed.query(`query($id: ID!) { contract(id: $id) { id endsOn } }`, { id: contractId });
    expect(JSON.stringify(response)).not.toMatch(/12345|BAD_USER_INPUT/);
    const error = response.errors?.find((e) => e.path?.join('.') === 'contract.endsOn');
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged(String(error?.extensions?.referenceId))).toHaveLength(1);
  });

  it('masks the same way when the subgraph is asked directly', async () => {
    const response = await fed.subgraphQuery('procurement', `query($id: ID!) { contract(id: $id) { form } }`, { id: contractId });
    expect(JSON.stringify(response)).not.toMatch(/BOGUS|ContractForm/);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', referenceId: expect.stringMatching(UUID) });
  });
});
