// DDI documents validated against the DDI Alliance's XML Schema of DDI Codebook 2.5 (vendored in
// xsd/, see its README) by libxml2's xmllint, offline. Where xmllint is missing the tests fail
// in CI (.ci/run installs libxml2-utils) and are reported as skipped, with the reason, elsewhere.
// The document written over chunks (ddiWriter) is the whole one, and validates too.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { numberColumn, type Column, type MultipleColumn } from '../../analysis/dataset.js';
import type { Codebook } from '../codebook/codebook.js';
import { study, surveyCodebook } from '../codebook/survey.test-helper.js';
import { fixture } from '../sav/fixture.test-helper.js';
import { chunkedOf, shapeOf } from '../../analysis/chunked.js';
import { writeChunked } from '../table-writer.js';
import { ddiWriter, writeDdi, type DdiOptions } from './write-ddi.js';

const schema = fileURLToPath(new URL('./xsd/codebook.xsd', import.meta.url));

function xmllintMissing(): string | undefined {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'xmllint is not installed (Debian package libxml2-utils)';
  }
}
const missing = xmllintMissing();

function needXmllint(ctx: TestContext): void {
  if (!missing) return;
  if (process.env.CI) throw new Error(missing);
  console.warn(`${ctx.task.name}: skipped. ${missing}`);
  ctx.skip();
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'longitude-ddi-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** xmllint's verdict on a document: whether it validates, and what it said. */
async function validate(xml: string, name: string): Promise<{ ok: boolean; said: string }> {
  const file = join(dir, name);
  await writeFile(file, xml);
  try {
    const { stderr } = await promisify(execFile)('xmllint', [
      '--noout',
      '--nonet',
      '--schema',
      schema,
      file,
    ]);
    return { ok: true, said: stderr };
  } catch (e) {
    return { ok: false, said: String((e as { stderr?: string }).stderr ?? e) };
  }
}

const ddi = (codebook: Codebook, options?: DdiOptions) => [...writeDdi(codebook, options)].join('');

describe('writeDdi validated against the DDI Codebook 2.5 schema', () => {
  it('validates the survey codebook, with and without statistics', async (ctx) => {
    needXmllint(ctx);
    for (const statistics of [true, false]) {
      const r = await validate(ddi(surveyCodebook(), { statistics }), `survey-${statistics}.xml`);
      expect(r.said).toContain('validates');
      expect(r.ok).toBe(true);
    }
  });

  it('validates a dataset without a questionnaire, names that need escaping, no citation but a title', async (ctx) => {
    needXmllint(ctx);
    const r = await validate(
      ddi({ study: { title: { en: 'Fixture' } }, data: fixture() }),
      'sav.xml',
    );
    expect(r.said).toContain('validates');
  });

  it('validates an empty dataset and a multiple choice without options (no group)', async (ctx) => {
    needXmllint(ctx);
    const none: MultipleColumn = {
      type: 'multiple',
      options: [],
      chosen: new Uint8Array(0),
      answered: Uint8Array.of(0),
      info: { measure: 'nominal' },
    };
    const columns = new Map<string, Column>([
      ['none', none],
      ['x', numberColumn(Float64Array.of(NaN))],
    ]);
    const empty = await validate(
      ddi({ study, data: { n: 0, columns: new Map() }, languages: ['en'] }),
      'empty.xml',
    );
    expect(empty.said).toContain('validates');
    const noOptions = await validate(ddi({ study, data: { n: 1, columns } }), 'none.xml');
    expect(noOptions.said).toContain('validates');
  });

  it('writes the same document over chunks of 1 and 3 rows, and it validates', async (ctx) => {
    needXmllint(ctx);
    const { data, ...info } = surveyCodebook();
    const whole = ddi(surveyCodebook());
    for (const rows of [1, 3]) {
      let xml = '';
      const writer = ddiWriter({ ...info, shape: shapeOf(data) });
      for await (const part of writeChunked(writer, chunkedOf(data, rows))) xml += part as string;
      expect(xml).toBe(whole);
      const r = await validate(xml, `chunked-${rows}.xml`);
      expect(r.said).toContain('validates');
      expect(r.ok).toBe(true);
    }
  });

  it('rejects a document with an element out of place (the check does check)', async (ctx) => {
    needXmllint(ctx);
    const xml = ddi(surveyCodebook()).replace(
      '<varFormat type="numeric"/>',
      '<varFormat type="numeric"/><labl>late</labl>',
    );
    const r = await validate(xml, 'broken.xml');
    expect(r.ok).toBe(false);
    expect(r.said).toContain('fails to validate');
  });
});
