import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { Batcher, together } from './batcher.js';

/** A batcher whose statements are recorded and finish when the test says. */
function recording(options: { maxBatch?: number; maxInFlight?: number; key?: boolean } = {}) {
  const runs: string[][] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let mostRunning = 0;
  const b = new Batcher<string, string>({
    run: async (items) => {
      runs.push([...items]);
      running++;
      mostRunning = Math.max(mostRunning, running);
      await new Promise<void>((resolve) => pending.push(resolve));
      running--;
      if (items.includes('bad')) throw new Error('the statement failed');
      return items.map((i) => i.toUpperCase());
    },
    key: options.key ? (item) => item.split(':')[0]! : undefined,
    maxBatch: options.maxBatch ?? 100,
    maxInFlight: options.maxInFlight ?? 1,
  });
  const finishAll = async (): Promise<void> => {
    // Statements may start as others finish: keep finishing until none is left.
    for (let spins = 0; spins < 50; spins++) {
      await new Promise((r) => setImmediate(r));
      pending.splice(0).forEach((f) => f());
    }
  };
  return { b, runs, finishAll, mostRunning: () => mostRunning };
}

describe('batcher', () => {
  it('sends calls made together in one statement and answers each its own result', async () => {
    const { b, runs, finishAll } = recording();
    const results = Promise.all(['a', 'b', 'c'].map((x) => b.call(x)));
    await finishAll();
    expect(await results).toEqual(['A', 'B', 'C']);
    expect(runs).toEqual([['a', 'b', 'c']]);
  });

  it('sends a lone call at the next turn of the event loop, without a timer', async () => {
    const { b, runs } = recording();
    void b.call('a');
    expect(runs).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(runs).toEqual([['a']]);
  });

  it('gathers calls made while a statement runs into the next one', async () => {
    const { b, runs, finishAll } = recording();
    const first = b.call('a');
    await new Promise((r) => setImmediate(r));
    const later = ['b', 'c', 'd'].map((x) => b.call(x));
    await finishAll();
    expect(await first).toBe('A');
    expect(await Promise.all(later)).toEqual(['B', 'C', 'D']);
    expect(runs).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps calls with the same key in different statements, in order', async () => {
    const { b, runs, finishAll } = recording({ key: true });
    const results = Promise.all(['r1:x', 'r2:x', 'r1:y', 'r1:z', 'r3:x'].map((x) => b.call(x)));
    await finishAll();
    expect(await results).toEqual(['R1:X', 'R2:X', 'R1:Y', 'R1:Z', 'R3:X']);
    expect(runs).toEqual([['r1:x', 'r2:x', 'r3:x'], ['r1:y'], ['r1:z']]);
  });

  it('holds a call back while a running statement has its key, even with room for another', async () => {
    const { b, runs, finishAll, mostRunning } = recording({ key: true, maxInFlight: 2 });
    const first = b.call('r1:x');
    await new Promise((r) => setImmediate(r));
    const later = ['r1:y', 'r2:x'].map((x) => b.call(x));
    await new Promise((r) => setImmediate(r));
    // r2 may start beside the running statement; r1:y must wait for it.
    expect(runs).toEqual([['r1:x'], ['r2:x']]);
    await finishAll();
    expect(await first).toBe('R1:X');
    expect(await Promise.all(later)).toEqual(['R1:Y', 'R2:X']);
    expect(runs).toEqual([['r1:x'], ['r2:x'], ['r1:y']]);
    expect(mostRunning()).toBe(2);
  });

  it('puts at most maxBatch calls in a statement and runs at most maxInFlight at once', async () => {
    const { b, runs, finishAll, mostRunning } = recording({ maxBatch: 2, maxInFlight: 2 });
    const results = Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => b.call(x)));
    await finishAll();
    expect(await results).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(runs).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(mostRunning()).toBe(2);
  });

  it('runs each call alone after a failed statement, failing only the bad one', async () => {
    const { b, runs, finishAll } = recording();
    const good = b.call('a');
    const bad = b.call('bad');
    const other = b.call('c');
    const badSettled = bad.catch((e: Error) => e.message);
    await finishAll();
    expect(await good).toBe('A');
    expect(await other).toBe('C');
    expect(await badSettled).toBe('the statement failed');
    expect(runs).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('keeps one batcher per database and function, and runs alone inside a transaction', async () => {
    const runs: string[] = [];
    const nameOf = (db: Kysely<unknown>) => (db as unknown as { name: string }).name;
    const upper = async (db: Kysely<unknown>, xs: readonly string[]) => {
      runs.push(`${nameOf(db)} upper ${xs.join(',')}`);
      return xs.map((x) => x.toUpperCase());
    };
    const lower = async (db: Kysely<unknown>, xs: readonly string[]) => {
      runs.push(`${nameOf(db)} lower ${xs.join(',')}`);
      return xs.map((x) => x.toLowerCase());
    };
    const database = (name: string, isTransaction = false) =>
      ({ name, isTransaction }) as unknown as Kysely<unknown>;
    const one = database('one');
    const two = database('two');
    const tx = database('tx', true);
    const results = await Promise.all([
      together(one, upper, 'a'),
      together(one, upper, 'b'),
      together(one, lower, 'C'),
      together(two, upper, 'd'),
      together(tx, upper, 'e'),
      together(tx, upper, 'f'),
    ]);
    expect(results).toEqual(['A', 'B', 'c', 'D', 'E', 'F']);
    expect(runs.sort()).toEqual([
      'one lower C',
      'one upper a,b',
      'two upper d',
      'tx upper e',
      'tx upper f',
    ]);
  });
});
