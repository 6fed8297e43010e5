/**
 * Gathers calls that arrive together into one database statement: many respondents saving
 * pages at once cost one round trip and one commit instead of one each, and each caller is
 * answered only after that commit. While a batch is in flight, new calls wait and go together
 * in the next one; with nothing in flight, a call goes at the next turn of the event loop, so
 * a lone call waits for no timer.
 *
 * Calls with the same key never share a batch (the later waits for the next), so a statement
 * sees at most one call per key and their order holds. When a batch's statement fails, each of
 * its calls is run again alone, so a bad call fails only its own caller.
 */
export interface BatcherOptions<I, O> {
  /** Runs the calls together; returns one result per call, in order. */
  run: (items: readonly I[]) => Promise<O[]>;
  /** Calls with equal keys go in different batches. */
  key?: (item: I) => string;
  /** Most calls in one statement. */
  maxBatch: number;
  /** Most statements running at once. */
  maxInFlight: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Keys of calls in statements that are running. */
  private busy = new Set<string>();

  constructor(private readonly options: BatcherOptions<I, O>) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0)
      return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
        const batch = this.take();
        if (batch.length === 0) break;
        void this.dispatch(batch);
      }
    });
  }

  /**
   * The next batch: queued calls in order, skipping (for later) any whose key is in this
   * batch, in a running one, or in a call skipped before it.
   */
  private take(): Waiting<I, O>[] {
    const { key, maxBatch } = this.options;
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    const taken = new Set(this.busy);
    for (const w of this.queue) {
      const k = key?.(w.item);
      const held = batch.length >= maxBatch || (k !== undefined && taken.has(k));
      if (k !== undefined) taken.add(k);
      (held ? rest : batch).push(w);
    }
    this.queue = rest;
    return batch;
  }

  private async dispatch(batch: Waiting<I, O>[]): Promise<void> {
    const { key } = this.options;
    const keys = key ? batch.map((w) => key(w.item)) : [];
    for (const k of keys) this.busy.add(k);
    this.inFlight++;
    try {
      await this.runAll(batch);
    } finally {
      this.inFlight--;
      for (const k of keys) this.busy.delete(k);
      this.schedule();
    }
  }

  private async runAll(batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await this.options.run(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One call may have spoiled the statement: each runs alone, to fail only its caller.
      for (const w of batch) await this.runAll([w]);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}

const batchers = new WeakMap<object, Map<string, unknown>>();
const inFlight = new WeakMap<object, number>();

/** How many batched statements may run at once on this database (set when it is opened). */
export function setBatchesInFlight(db: object, n: number): void {
  inFlight.set(db, n);
}

/** As set for this database; 2 for one opened elsewhere. */
export function batchesInFlight(db: object): number {
  return inFlight.get(db) ?? 2;
}

/**
 * The batcher named `name` of this database, made on first use. Keyed by the database
 * object, so each open database (and each test's) has its own.
 */
export function batcherOf<I, O>(
  db: object,
  name: string,
  options: () => BatcherOptions<I, O>,
): Batcher<I, O> {
  let named = batchers.get(db);
  if (!named) batchers.set(db, (named = new Map()));
  let b = named.get(name) as Batcher<I, O> | undefined;
  if (!b) named.set(name, (b = new Batcher(options())));
  return b;
}
