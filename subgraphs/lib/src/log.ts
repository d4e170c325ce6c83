import { pino, type DestinationStream, type Level } from 'pino';
import type { Log } from './errors.js';
import { redact, redactError, redactText } from './observability/redact.js';
import { currentRequestId } from './observability/request-id.js';

export const LOG_FORMATS = ['pretty', 'json'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface LogSettings {
  /** `pretty`: one readable line per event, for a person at a console; `json`: JSON lines, for a log collector. */
  readonly format: (typeof LOG_FORMATS)[number];
  readonly level: (typeof LOG_LEVELS)[number];
}

const LABELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** pino's JSON lines as `12:03:04.567 INFO  [gateway] message {detail}`, the stack on the lines after. */
function readableLines(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string) {
      const { time, level, component, requestId, msg, detail, err } = JSON.parse(line) as {
        time: string;
        level: number;
        component: string;
        requestId?: string;
        msg: string;
        detail?: unknown;
        err?: { type?: string; message?: string; stack?: string };
      };
      const head = `${time.slice(11, 23)} ${(LABELS[level] ?? String(level)).padEnd(5)} [${component}]${requestId ? ` (${requestId})` : ''} ${msg}`;
      const more = detail === undefined ? '' : ` ${JSON.stringify(detail)}`;
      const stack = err ? `\n  ${err.stack ?? `${err.type}: ${err.message}`}` : '';
      out.write(`${head}${more}${stack}\n`);
    },
  };
}

/**
 * The log of one component, on stderr so stdout stays for the user. An event with an Error is
 * logged at level error with its stack, any other at info. A line written while a request is
 * handled carries its `requestId`; details and errors are redacted first (see redact.ts).
 */
export function createLog(component: string, settings: LogSettings, out: NodeJS.WritableStream = process.stderr): Log {
  const json = settings.format === 'json';
  const logger = pino(
    {
      level: settings.level,
      base: { component },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // A collector reads the level's name; the readable lines map pino's numbers to names themselves.
      ...(json ? { formatters: { level: (label: string) => ({ level: label }) } } : {}),
    },
    json ? (out === process.stderr ? pino.destination({ dest: 2, sync: true }) : out) : readableLines(out),
  );
  return (message, detail) => {
    const level: Level = detail instanceof Error ? 'error' : 'info';
    const text = redactText(message);
    if (detail instanceof Error) logger[level]({ err: redactError(detail) }, text);
    else if (detail !== undefined) logger[level]({ detail: redact(detail) }, text);
    else logger[level](text);
  };
}
