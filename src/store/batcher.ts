import type { Kysely } from 'kysely';

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

const batchers = new WeakMap<object, Map<unknown, unknown>>();

/**
 * Runs `run(db, [item])`, together with the other calls of the same `run` on this database
 * that arrive at the same time (one batcher per database and function, made on first use).
 * Inside a transaction the call runs at once and alone: a batch would run outside it.
 * Two statements may run at once; more gained nothing on PostgreSQL or PGlite when measured.
 */
export function together<DB, I, O>(
  db: Kysely<DB>,
  run: (db: Kysely<DB>, items: readonly I[]) => Promise<O[]>,
  item: I,
  key?: (item: I) => string,
): Promise<O> {
  if (db.isTransaction) return run(db, [item]).then((results) => results[0]!);
  let byRun = batchers.get(db);
  if (!byRun) batchers.set(db, (byRun = new Map()));
  let b = byRun.get(run) as Batcher<I, O> | undefined;
  if (!b) {
    b = new Batcher({ run: (items) => run(db, items), key, maxBatch: 200, maxInFlight: 2 });
    byRun.set(run, b);
  }
  return b.call(item);
}
