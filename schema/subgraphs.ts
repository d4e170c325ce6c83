import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));

/** The subgraphs of the federation, with the SDL file each serves and its default address. */
export const SUBGRAPHS = [{ name: 'procurement', defaultUrl: 'http://localhost:4001/graphql' }] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUPERGRAPH_FILE = join(here, 'supergraph.graphql');

export function subgraphSdl(name: SubgraphName): string {
  return readFileSync(join(here, `${name}.graphql`), 'utf8');
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}
