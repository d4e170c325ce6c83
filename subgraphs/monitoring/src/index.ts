import { runStandalone } from '../../lib/src/standalone.js';
import { createMonitoringSubgraph } from './server.js';

await runStandalone('monitoring', createMonitoringSubgraph);
