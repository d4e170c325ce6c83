import type { SubgraphName } from '../../subgraphs/lib/src/config.js';
import type { Subgraph, SubgraphDeps } from '../../subgraphs/lib/src/subgraph.js';
import { createAccessSubgraph } from '../../subgraphs/access/src/server.js';
import { createMonitoringSubgraph } from '../../subgraphs/monitoring/src/server.js';
import { createProcurementSubgraph } from '../../subgraphs/procurement/src/server.js';

/** Every subgraph of the federation, for starting them all in one process (npm start, tests). */
export const MEMBERS: readonly { name: SubgraphName; create: (deps: SubgraphDeps) => Subgraph }[] = [
  { name: 'procurement', create: createProcurementSubgraph },
  { name: 'access', create: createAccessSubgraph },
  { name: 'monitoring', create: createMonitoringSubgraph },
];
