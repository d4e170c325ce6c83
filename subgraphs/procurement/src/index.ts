import { runStandalone } from '../../lib/src/standalone.js';
import { createProcurementSubgraph } from './server.js';

await runStandalone('procurement', createProcurementSubgraph);
