import { runStandalone } from '@youth-care/lib/standalone';
import { createProcurementSubgraph } from './server.js';

await runStandalone('procurement', createProcurementSubgraph);
