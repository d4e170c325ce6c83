import type { SubgraphName } from '@youth-care/lib/config';
import type { Subgraph, SubgraphDeps } from '@youth-care/lib/subgraph';
import { createAccessSubgraph } from '../../access/src/server.js';
import { createMonitoringSubgraph } from '../../monitoring/src/server.js';
import { createProcurementSubgraph } from '../../procurement/src/server.js';
import { createRegistrySubgraph } from '../../registry/src/server.js';

/** Every subgraph of the federation, for starting them all in one process (npm start, tests). */
export const MEMBERS: readonly { name: SubgraphName; create: (deps: SubgraphDeps) => Subgraph }[] = [
  { name: 'registry', create: createRegistrySubgraph },
  { name: 'procurement', create: createProcurementSubgraph },
  { name: 'access', create: createAccessSubgraph },
  { name: 'monitoring', create: createMonitoringSubgraph },
];
