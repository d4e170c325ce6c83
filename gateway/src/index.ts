import { loadConfig } from '@youth-care/lib/config';
import { runUntilSignal } from '@youth-care/lib/lifecycle';
import { createLog } from '@youth-care/lib/log';
import { createGateway } from './gateway.js';

const config = loadConfig();
const log = createLog('gateway', config.log);
const gateway = await createGateway({ config, log });
const running = await gateway.listen(config.ports.gateway, config.host);
log(`gateway listening on ${running.url}`);
runUntilSignal(log, () => running.stop());
