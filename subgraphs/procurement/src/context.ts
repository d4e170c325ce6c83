import type { SubgraphContext } from '@youth-care/lib/request';
import type { ProcurementTables } from './db/schema.js';
import type { ProcurementLoaders } from './loaders.js';

export type ProcurementContext = SubgraphContext<ProcurementLoaders, ProcurementTables>;
