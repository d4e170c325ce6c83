import type { SubgraphContext } from '../../lib/src/request.js';
import type { MonitoringTables } from './db/schema.js';
import type { MonitoringLoaders } from './loaders.js';

export type MonitoringContext = SubgraphContext<MonitoringLoaders, MonitoringTables>;
