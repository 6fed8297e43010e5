/**
 * Keeps a long reading of responses (an export of a million) in flat memory. Each reading
 * parses about 1.5 GB of answers that die at once; V8 lets such garbage grow the heap to several
 * times what is live before it collects, which alone takes an export of under 100 MB of live
 * data past 300 MB. After each batch, once the heap holds more than `limit` bytes, a full
 * collection brings it back to what is live. Where the runtime refuses, nothing is done.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined)
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  return collect;
}

/** Call after each batch: collects when the heap has grown past the limit. */
export function keepMemoryFlat(limit = 128 << 20): void {
  if (v8.getHeapStatistics().used_heap_size > limit) collector()?.();
}
