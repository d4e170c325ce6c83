import { createHmac } from 'node:crypto';
import type { Pseudonymiser } from './import/batch.js';

/**
 * Client and family pseudonyms: a keyed hash (HMAC-SHA256) with the region's own key, so the
 * same person gets the same pseudonym within a region and one that means nothing outside it.
 * The identifier it is made from (a BSN, say) is never stored.
 */
export function pseudonymiser(key: string): Pseudonymiser {
  const derive = (kind: string, id: string) => createHmac('sha256', key).update(`${kind}:${id}`).digest('hex').slice(0, 32);
  return { client: (id) => derive('client', id), family: (id) => derive('family', id) };
}
