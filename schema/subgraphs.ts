import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import { defaultPort, SUBGRAPH_NAMES, type SubgraphName } from '@youth-care/lib/config';

const here = dirname(fileURLToPath(import.meta.url));

/** The subgraphs composed into the supergraph: each serves `schema/registry.graphql` and `schema/<name>.graphql`. */
export const SUBGRAPHS: readonly { name: SubgraphName; defaultUrl: string }[] = SUBGRAPH_NAMES.map((name) => ({
  name,
  defaultUrl: `http://localhost:${defaultPort(name)}/graphql`,
}));

export const SUPERGRAPH_FILE = join(here, 'supergraph.graphql');

/** A subgraph's whole SDL: the shared registry part, then its own file, which extends it. */
export function subgraphSdl(name: SubgraphName): string {
  return `${readFileSync(join(here, 'registry.graphql'), 'utf8')}\n${readFileSync(join(here, `${name}.graphql`), 'utf8')}`;
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}
