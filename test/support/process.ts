import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Milliseconds from spawning to the printed URL. */
  readonly ms: number;
  output(): string;
  /** Resolves once the process has printed `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Sends Ctrl-C and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/**
 * Runs `npm start`'s entry point as its own process and waits for it to print the gateway URL.
 * `nodeFlags` go to node itself, before the entry point.
 */
export function startProcess(args: string[], env: Record<string, string>, timeoutMs = 90_000, nodeFlags: readonly string[] = []): Promise<Started> {
  const began = Date.now();
  const child = spawn(process.execPath, [...nodeFlags, 'subgraphs/lib/src/run-typescript.mjs', 'subgraphs/all-in-one/src/start.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing a URL:\n${out}`));
    });
    child.stdout?.on('data', () => {
      const match = /running at (http:\/\/\S+\/graphql)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1],
        ms: Date.now() - began,
        output: () => out,
        waitFor: async (text, waitMs = 60_000) => {
          const until = Date.now() + waitMs;
          while (!out.includes(text)) {
            if (Date.now() > until) throw new Error(`"${text}" not printed within ${waitMs} ms:\n${out}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        },
        interrupt: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    });
  });
}
