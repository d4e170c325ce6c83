import { SUBGRAPH_NAMES, type SubgraphName } from '@youth-care/lib/config';
import type { Subgraph, SubgraphDeps } from '@youth-care/lib/subgraph';
import { createAccessSubgraph } from '../../access/src/server.js';
import { createMonitoringSubgraph } from '../../monitoring/src/server.js';
import { createProcurementSubgraph } from '../../procurement/src/server.js';

/** How each subgraph is built; the record's type makes it name every subgraph of SUBGRAPH_NAMES. */
const CREATE: Readonly<Record<SubgraphName, (deps: SubgraphDeps) => Subgraph>> = {
  procurement: createProcurementSubgraph,
  access: createAccessSubgraph,
  monitoring: createMonitoringSubgraph,
};

/** Every subgraph of the federation, for starting them all in one process (npm start, tests). */
export const MEMBERS: readonly { name: SubgraphName; create: (deps: SubgraphDeps) => Subgraph }[] = SUBGRAPH_NAMES.map((name) => ({
  name,
  create: CREATE[name],
}));
