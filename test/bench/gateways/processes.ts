import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO } from '../../support/process.js';

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** What the child printed as its ready line (a URL, or the subgraphs' URLs). */
  readonly ready: Record<string, unknown>;
  /** CPU time used so far, in milliseconds (user + system, from /proc). */
  cpuMs(): number;
  /** Resident memory now, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

const TICK_MS = 10; // /proc counts CPU time in clock ticks of 1/100 s on Linux

/**
 * Starts `script` (TypeScript, with the project's runner) and resolves once it prints a JSON line (`{"url": ...}`), or a line
 * matching `readyPattern` (the URL in its first group).
 */
export function startChild(name: string, script: string, env: Record<string, string>, readyPattern?: RegExp, timeoutMs = 1_800_000): Promise<Child> {
  const child = spawn(process.execPath, ['subgraphs/lib/src/run-typescript.mjs', script], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const pid = child.pid ?? 0;
  const stat = () => readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} not ready within ${timeoutMs} ms:\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${out.slice(-3000)}`));
    });
    const look = (chunk: Buffer) => {
      out += chunk.toString();
      let ready: Record<string, unknown> | undefined;
      for (const line of out.split('\n')) {
        if (line.startsWith('{"url"') || line.startsWith('{"subgraphs"')) ready = JSON.parse(line) as Record<string, unknown>;
        const match = readyPattern?.exec(line);
        if (match?.[1]) ready = { url: match[1] };
      }
      if (!ready) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      child.stderr?.off('data', look);
      // Keep draining, so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      child.removeAllListeners('exit');
      resolve({
        name,
        process: child,
        ready,
        cpuMs: () => {
          const fields = stat();
          // utime and stime are fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after the name.
          return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
        },
        rssMb: () => {
          const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          return Number(line?.[1] ?? 0) / 1024;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
}
