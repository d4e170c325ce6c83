import type { SubgraphContext } from '@youth-care/lib/request';
import type { AccessTables } from './db/schema.js';
import type { AccessLoaders } from './loaders.js';

export type AccessContext = SubgraphContext<AccessLoaders, AccessTables>;
