import { parseArgs, type ParseArgsConfig } from 'node:util';

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
