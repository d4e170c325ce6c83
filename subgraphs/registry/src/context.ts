import type { SubgraphContext } from '@youth-care/lib/request';

/** The registry keeps no region data: no loaders, no tables. */
export type RegistryContext = SubgraphContext<Record<string, never>, Record<string, never>>;
