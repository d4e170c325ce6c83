import type { Log } from './errors.js';

/** One JSON line per event on stderr, so a log collector can read it and stdout stays for the user. */
export function createLog(component: string, quiet = false): Log {
  return (message, detail) => {
    if (quiet) return;
    const line: Record<string, unknown> = { time: new Date().toISOString(), component, message };
    if (detail instanceof Error) line.error = { name: detail.name, message: detail.message, stack: detail.stack };
    else if (detail !== undefined) line.detail = detail;
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
}
