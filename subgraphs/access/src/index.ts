import { runStandalone } from '@youth-care/lib/standalone';
import { createAccessSubgraph } from './server.js';

await runStandalone('access', createAccessSubgraph);
