/**
 * Requests this process is answering right now. Long background work (loading demo data) waits
 * between its steps until there are none, so a person's query never queues behind it for more
 * than the one step under way.
 */
let answering = 0;
let waiting: (() => void)[] = [];

/** Counts a request in; call the returned function once it is answered. */
export function requestStarted(): () => void {
  answering++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    answering--;
    if (answering > 0) return;
    const resume = waiting;
    waiting = [];
    for (const go of resume) go();
  };
}

/** Resolves once no request is being answered. */
export function whenQuiet(): Promise<void> {
  return answering === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}
