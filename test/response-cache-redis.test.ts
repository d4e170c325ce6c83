import { connect } from 'node:net';
import { afterAll, describe, it } from 'vitest';
import { closeDataVersions, dataVersions } from '@youth-care/lib/data-versions';
import { cacheCorrectness } from './support/cache-cases.js';

/**
 * The same promises with the answers and data versions in Redis (REDIS_URL, or the local
 * 127.0.0.1:6379 that CI runs); skipped where no Redis answers.
 */
const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function reachable(target: string): Promise<boolean> {
  const { hostname, port } = new URL(target);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    const settle = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
}

const redis = await reachable(url);

if (redis) {
  cacheCorrectness('in Redis', () => {
    process.env.REDIS_URL = url;
    // A prefix of its own, so runs side by side never see each other's answers.
    process.env.REDIS_KEY_PREFIX = `youth-care-test-${process.pid}-${Date.now()}:`;
  });
  afterAll(async () => {
    const { redis: client, keyPrefix } = dataVersions();
    const keys = (await client?.keys(`${keyPrefix}*`)) ?? [];
    if (keys.length > 0) await client?.del(...keys);
    await closeDataVersions();
  });
} else {
  describe.skip(`the answer cache in Redis (no Redis at ${url})`, () => {
    it('needs Redis', () => {});
  });
}
