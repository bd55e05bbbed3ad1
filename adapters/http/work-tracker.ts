/**
 * Counts work in flight (requests, and the work that continues after a chat
 * platform's early acknowledgement) so that shutdown can wait for it.
 */
export class WorkTracker {
  #pending = new Set<Promise<unknown>>();

  /** Runs `work` and remembers it until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work);
    const forget = () => this.#pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Resolves when everything in flight has settled, or after `timeoutMs`; says which. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.#pending.size > 0) {
        const settled = await Promise.race([Promise.allSettled([...this.#pending]).then(() => true), timeout]);
        if (!settled) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
