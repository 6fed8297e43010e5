/**
 * A short-lived cache of what every page view reads and rarely changes (study, wave, the
 * questionnaire version), one per database, so that a page save costs two queries instead of
 * five. Entries live a couple of seconds: a study loaded by another process (the command
 * line) is seen by every server process within that time.
 */
const caches = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

export const cacheMs = 2000;

export function cached<T>(
  db: object,
  key: string,
  now: number,
  load: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && now - hit.at < cacheMs) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { at: now, value });
  // A failed load is not kept: the next request tries again.
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets everything cached for a database (after loading a study in this process). */
export function forget(db: object): void {
  caches.delete(db);
}
