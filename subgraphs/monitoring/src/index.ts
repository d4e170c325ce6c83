import { runStandalone } from '@youth-care/lib/standalone';
import { createMonitoringSubgraph } from './server.js';

await runStandalone('monitoring', createMonitoringSubgraph);
