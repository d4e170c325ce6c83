import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from './support/federation.js';

/*
 * Nothing from a youth-care system leaves the machine unasked: no usage reporting, no cloud
 * metadata probes. Every connection this process opens is recorded; only loopback may be named.
 */
const attempts: string[] = [];
const connect = net.Socket.prototype.connect;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function target(args: unknown[]): string | undefined {
  const [first, second] = args;
  // net.connect hands the socket its arguments already gathered into an array.
  if (Array.isArray(first)) return target(first);
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string; port?: number };
    if (options.path) return undefined;
    return `${options.host ?? 'localhost'}:${options.port ?? ''}`;
  }
  if (typeof first === 'number') return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  return undefined;
}

let federation: Federation;
const saved = process.env.APOLLO_TELEMETRY_DISABLED;

beforeAll(async () => {
  // As a user's shell has it: nothing set, so the gateway's own default decides.
  delete process.env.APOLLO_TELEMETRY_DISABLED;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const to = target(args);
    if (to && !LOOPBACK.test(to.slice(0, to.lastIndexOf(':')))) attempts.push(to);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
  federation = await startFederation({ label: 'outside-calls', scale: 0.02 });
});

afterAll(async () => {
  await federation?.stop();
  net.Socket.prototype.connect = connect;
  if (saved === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
  else process.env.APOLLO_TELEMETRY_DISABLED = saved;
});

describe('outside calls', () => {
  it('answers queries through every subgraph without opening a connection beyond this machine', async () => {
    const { errors } = await federation.query(`{
      regions { code name waitingTimeSummary { providersReporting { value suppressed } } monitoringComparison(years: [2023]) { year } }
      region(code: "JZ34") { spending(year: 2025) { yearToDateEuros } }
    }`);
    expect(errors).toBeUndefined();
    // Cloud metadata probes and telemetry exports start in the background; give them time to try.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts).toEqual([]);
  });
});
