import { badArguments, commandLine } from '@youth-care/lib/cli';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { createLog } from '@youth-care/lib/log';
import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { ImportRejected } from '../reports/rejected.js';

/** The command's arguments; bad ones exit 2 with one line, `--help` prints the usage. */
function argsOf(usage: string, minArgs: number): string[] {
  const help = '--help shows the usage';
  const { values, positionals } = commandLine({ options: { help: { type: 'boolean' } }, allowPositionals: true }, help);
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (positionals.length < minArgs) badArguments(`${minArgs === 1 ? 'an argument is' : `${minArgs} arguments are`} missing`, help);
  return positionals;
}

/**
 * Runs an import command: progress on stdout; a rejected file exits 1 with its problems, any
 * other failure (a database that cannot be reached, say) exits 2 with its message, no stack trace.
 */
export async function runImport(usage: string, minArgs: number, work: (args: string[], deps: SubgraphDeps, say: (line: string) => void) => Promise<void>): Promise<void> {
  const args = argsOf(usage, minArgs);
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
