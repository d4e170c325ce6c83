import { runStandalone } from '@youth-care/lib/standalone';
import { createRegistrySubgraph } from './server.js';

await runStandalone('registry', createRegistrySubgraph);
