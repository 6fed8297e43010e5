// Runs a Node script (its path, then its arguments) in this process and prints its peak
// resident memory in KiB as `peak-memory N` when it ends: what `/usr/bin/time -v` calls the
// maximum resident set size, without needing it installed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => {
  process.stdout.write(`\npeak-memory ${process.resourceUsage().maxRSS}\n`);
});
await import(pathToFileURL(path.resolve(script)).href);
