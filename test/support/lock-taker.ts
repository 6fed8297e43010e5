// A process that tries to take a data folder's lock, for the lock tests: prints `won` or
// `held by PID`, keeps the lock for the given milliseconds, then exits (or waits for a signal).
import { lockFolder } from '../../src/store/folder-lock.js';

const [dir, holdMs, startAt] = process.argv.slice(2);
// Racing takers start together: each waits for the same moment.
while (Date.now() < Number(startAt ?? 0)) await new Promise((resolve) => setTimeout(resolve, 1));
const attempt = await lockFolder(dir!, 'longitude test');
if ('lock' in attempt) {
  process.stdout.write('won\n');
  if (holdMs === 'forever') setInterval(() => undefined, 1000);
  else setTimeout(() => attempt.lock.release(), Number(holdMs));
} else {
  process.stdout.write(`held by ${attempt.heldBy.pid}\n`);
}
