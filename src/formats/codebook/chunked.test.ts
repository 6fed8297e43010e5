// Codebooks over chunks: the summary of the rows is the same in any chunks (counts, empties, the
// mean and standard deviation figure by figure), and so is every document; a text column's levels
// may differ from chunk to chunk.
import { describe, expect, it } from 'vitest';
import { chunkedOf, shapeOf, type ChunkedDataset } from '../../analysis/chunked.js';
import { numberColumn, textColumn, type Column, type Dataset } from '../../analysis/dataset.js';
import { writeChunked, type TableWriter } from '../table-writer.js';
import type { CodebookShape } from './codebook.js';
import { describedOf, entries, type VariableEntry } from './describe.js';
import { codebookHtmlWriter, writeCodebookHtml } from './html.js';
import { codebookMarkdownWriter, writeCodebookMarkdown } from './markdown.js';
import { DataSummary } from './summary.js';
import { surveyCodebook } from './survey.test-helper.js';

async function text(parts: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = '';
  for await (const part of parts) out += part as string;
  return out;
}

async function summaryOf(data: ChunkedDataset): Promise<DataSummary> {
  const summary = new DataSummary(data.shape);
  for await (const chunk of data.chunks()) summary.see(chunk);
  return summary;
}

/** Noisy decimals: a mean and sd that one pass over many values computes with rounding. */
function decimals(n: number): Dataset {
  const values = Float64Array.from({ length: n }, (_, i) =>
    i % 11 === 0 ? NaN : 1e6 + Math.sin(i) * 1000 + i / 7,
  );
  return {
    n,
    columns: new Map<string, Column>([
      ['income', numberColumn(values, [{ code: -1, missing: true }], { measure: 'scale' })],
    ]),
  };
}

describe('DataSummary over chunks', () => {
  it('counts and summarises the same in chunks of 1 and 3 as at once', async () => {
    const data = surveyCodebook().data;
    const whole = DataSummary.of(data);
    for (const rows of [1, 3]) expect(await summaryOf(chunkedOf(data, rows))).toEqual(whole);
  });

  it('gives the same mean and sd whatever the chunks, as a two-pass computation does', async () => {
    const data = decimals(10_000);
    const whole = DataSummary.of(data);
    for (const rows of [1, 3, 997]) expect(await summaryOf(chunkedOf(data, rows))).toEqual(whole);
    const [entry] = [...entries(describedOf({ study: { title: { en: 'T' } }, data }))];
    const valid = [...(data.columns.get('income') as { values: Float64Array }).values].filter(
      (v) => !Number.isNaN(v),
    );
    const mean = valid.reduce((s, v) => s + v, 0) / valid.length;
    const sd = Math.sqrt(valid.reduce((s, v) => s + (v - mean) ** 2, 0) / (valid.length - 1));
    const summary = (entry as VariableEntry).summary;
    expect(Math.abs(summary!.mean - mean) / mean).toBeLessThan(1e-12);
    expect(Math.abs(summary!.sd - sd) / sd).toBeLessThan(1e-12);
  });

  it("counts a text column's empty rows with each chunk's own levels", async () => {
    const parts = [textColumn(['a', null, 'b']), textColumn([null, null]), textColumn(['c'])];
    const chunked: ChunkedDataset = {
      shape: { n: 0, columns: new Map([['t', textColumn([])]]) },
      async *chunks() {
        for (const t of parts) yield { n: t.index.length, columns: new Map([['t', t]]) };
      },
    };
    const summary = await summaryOf(chunked);
    expect(summary.n).toBe(6);
    expect(summary.columns.get('t')).toEqual({ type: 'text', empty: 3 });
  });
});

describe('codebook writers over chunks', () => {
  const codebook = surveyCodebook();
  const { data, ...info } = codebook;
  const shaped: CodebookShape = { ...info, shape: shapeOf(data) };
  const writers: [string, () => TableWriter, () => Iterable<string>][] = [
    [
      'markdown',
      () => codebookMarkdownWriter(shaped, { language: 'en' }),
      () => writeCodebookMarkdown(codebook, { language: 'en' }),
    ],
    [
      'html',
      () => codebookHtmlWriter(shaped, { language: 'ru' }),
      () => writeCodebookHtml(codebook, { language: 'ru' }),
    ],
  ];

  it('writes the same document whole and in chunks of 1 and 3 rows', async () => {
    for (const [name, writer, whole] of writers) {
      const expected = [...whole()].join('');
      expect(expected.length, name).toBeGreaterThan(1000);
      for (const rows of [1, 3])
        expect(await text(writeChunked(writer(), chunkedOf(data, rows))), name).toBe(expected);
    }
  });

  it('writes nothing per row: the document comes after every row is seen', () => {
    const w = codebookMarkdownWriter(shaped);
    expect(w.looksFirst).toBe(true);
    expect([...w.rows(data)]).toEqual([]);
  });
});
