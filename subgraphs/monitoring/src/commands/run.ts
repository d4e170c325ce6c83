import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { createLog } from '@youth-care/lib/log';
import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { ImportRejected } from '../reports/rejected.js';

/**
 * Runs an import command: progress on stdout; a rejected file exits 1 with its problems, any
 * other failure (a database that cannot be reached, say) exits 2 with its message, no stack trace.
 */
export async function runImport(usage: string, minArgs: number, work: (args: string[], deps: SubgraphDeps, say: (line: string) => void) => Promise<void>): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length < minArgs || args.includes('--help')) {
    console.error(usage);
    process.exit(args.includes('--help') ? 0 : 1);
  }
  let hub: DatabaseHub | undefined;
  let code = 0;
  try {
    const config = loadConfig();
    hub = new DatabaseHub(config.database);
    await work(args, { config, hub, log: createLog('monitoring-import', config.log) }, (line) => console.log(line));
  } catch (error) {
    if (error instanceof ImportRejected) {
      console.error(error.message);
      code = 1;
    } else {
      console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
      code = 2;
    }
  } finally {
    await hub?.close();
  }
  process.exit(code);
}
