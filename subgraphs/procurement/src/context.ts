import type { SubgraphContext } from '../../lib/src/request.js';
import type { ProcurementTables } from './db/schema.js';
import type { ProcurementLoaders } from './loaders.js';

export type ProcurementContext = SubgraphContext<ProcurementLoaders, ProcurementTables>;
