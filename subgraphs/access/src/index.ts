import { runStandalone } from '../../lib/src/standalone.js';
import { createAccessSubgraph } from './server.js';

await runStandalone('access', createAccessSubgraph);
