/**
 * Shares one piece of work among callers asking for the same key while it runs: the first
 * caller starts it, the others wait for its result. A result handed to several callers is
 * copied for each (`copy`), since a caller may change what it gets.
 */
export class InFlight<T> {
  private readonly pending = new Map<string, { consumers: number; result: Promise<T> }>();

  share(key: string, start: () => Promise<T>, copy: (value: T) => T): Promise<T> {
    let entry = this.pending.get(key);
    if (entry) entry.consumers += 1;
    else {
      const created = {
        consumers: 1,
        result: start().finally(() => this.pending.delete(key)),
      };
      entry = created;
      this.pending.set(key, created);
    }
    const shared = entry;
    // Read after the work settled: by then no one can join, so each caller sees the final count,
    // and when several share it nobody gets the original that the others copy from.
    return shared.result.then((value) => (shared.consumers === 1 ? value : copy(value)));
  }

  get size(): number {
    return this.pending.size;
  }
}
