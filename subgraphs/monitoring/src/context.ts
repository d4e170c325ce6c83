import type { SubgraphContext } from '@youth-care/lib/request';
import type { MonitoringTables } from './db/schema.js';
import type { MonitoringLoaders } from './loaders.js';

export type MonitoringContext = SubgraphContext<MonitoringLoaders, MonitoringTables>;
