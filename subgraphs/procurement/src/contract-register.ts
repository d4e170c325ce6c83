import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { providersUnderContract } from './db/repository.js';
import { procurementSources } from './sources.js';

/** Which of some providers any served region contracts, by AGB code. */
export type ContractRegister = (agbCodes: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * Procurement's answer to "does any region contract this provider?", for imports elsewhere (a
 * provider's outcome report, say) that must not take figures of a provider no region buys from.
 * Procurement reads its own tables; a region that cannot be reached fails the question.
 */
export function contractRegister(deps: SubgraphDeps): ContractRegister {
  const sources = procurementSources(deps);
  let prepared: Promise<unknown> | undefined;
  return async (agbCodes) => {
    if (agbCodes.length === 0) return new Set();
    // Opened as a start opens them: migrated once, before the first read.
    await (prepared ??= sources.migrateAll());
    const found = await Promise.all(sources.regions.map(async (code) => providersUnderContract(await sources.source(code), agbCodes)));
    return new Set(found.flat());
  };
}
