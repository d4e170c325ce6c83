import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from './config.js';

/** A command that cannot run with its arguments: one line, what is wrong and the usage, then exit 2. */
export function badArguments(problem: string, usage: string): never {
  console.error(`${problem}; ${usage}`);
  process.exit(2);
}

/** A command's arguments by node:util's parseArgs; an unknown option or a missing value ends in badArguments. */
export function commandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // parseArgs explains how to pass a positional starting with "-"; the first sentence says what is wrong.
    return badArguments((error as Error).message.split('. ')[0] ?? 'bad arguments', usage);
  }
}

/** Runs an import command and exits with its code; a bad setting prints its own message, anything else one line. */
export function runImport(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : `import failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
