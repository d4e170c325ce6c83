import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import type { SubgraphName } from '@youth-care/lib/config';

const here = dirname(fileURLToPath(import.meta.url));

/** The subgraphs composed into the supergraph: each serves `schema/shared.graphql` and `schema/<name>.graphql`. */
export const SUBGRAPHS: readonly { name: SubgraphName; defaultUrl: string }[] = [
  { name: 'procurement', defaultUrl: 'http://localhost:4001/graphql' },
  { name: 'access', defaultUrl: 'http://localhost:4002/graphql' },
  { name: 'monitoring', defaultUrl: 'http://localhost:4003/graphql' },
  { name: 'registry', defaultUrl: 'http://localhost:4004/graphql' },
];

export const SUPERGRAPH_FILE = join(here, 'supergraph.graphql');

/** A subgraph's whole SDL: the shared part, then its own file, which extends it. */
export function subgraphSdl(name: SubgraphName): string {
  return `${readFileSync(join(here, 'shared.graphql'), 'utf8')}\n${readFileSync(join(here, `${name}.graphql`), 'utf8')}`;
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}
