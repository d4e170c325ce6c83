import type { SubgraphContext } from '../../lib/src/request.js';
import type { AccessTables } from './db/schema.js';
import type { AccessLoaders } from './loaders.js';

export type AccessContext = SubgraphContext<AccessLoaders, AccessTables>;
