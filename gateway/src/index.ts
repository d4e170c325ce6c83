import { loadConfig } from '../../subgraphs/lib/src/config.js';
import { runUntilSignal } from '../../subgraphs/lib/src/lifecycle.js';
import { createLog } from '../../subgraphs/lib/src/log.js';
import { createGateway } from './gateway.js';

const config = loadConfig();
const log = createLog('gateway');
const gateway = await createGateway({ config, log });
const running = await gateway.listen(config.ports.gateway, config.host);
log(`gateway listening on ${running.url}`);
runUntilSignal(log, () => running.stop());
