import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import type { SubgraphName } from '@youth-care/lib/config';
import { SUBGRAPHS, SUPERGRAPH_FILE, subgraphTypeDefs } from './subgraphs.js';

export class CompositionError extends Error {}

/** Composes the supergraph from the subgraphs' SDL files; `urls` overrides where each listens. */
export function composeSupergraph(urls: Partial<Record<SubgraphName, string>> = {}): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: urls[s.name] ?? s.defaultUrl, typeDefs: subgraphTypeDefs(s.name) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  try {
    writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
    console.log(`wrote ${SUPERGRAPH_FILE}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
