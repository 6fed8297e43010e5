// R's expected values are committed as JSON; where R is installed (always in CI), they are
// regenerated here and must equal the committed ones, so the JSON cannot drift from its script.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function hasR(): boolean {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('R oracles', () => {
  it.each(['base-tests', 'survey-design', 'analyze-example', 'attrition'])(
    '%s regenerates to exactly the committed JSON',
    { timeout: 120_000 },
    async (name) => {
      if (!hasR()) {
        if (process.env.CI)
          throw new Error(
            'CI must have R (Rscript) to regenerate the oracles; .ci/run installs it.',
          );
        console.warn('R is not installed here: the committed oracle JSON is used as it is.');
        return;
      }
      const dir = await mkdtemp(path.join(tmpdir(), 'longitude-oracle-'));
      try {
        const out = path.join(dir, `${name}.json`);
        execFileSync('Rscript', [`test/oracles/${name}.R`, out], { cwd: root, stdio: 'pipe' });
        const fresh = JSON.parse(await readFile(out, 'utf8'));
        const committed = JSON.parse(
          await readFile(path.join(root, `test/oracles/${name}.json`), 'utf8'),
        );
        expect(fresh.cases ?? fresh.results).toEqual(committed.cases ?? committed.results);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
