/**
 * Exports at scale: a generated dataset of `n` responses × 100 variables (80 single choices
 * coded 1–5 with labels, 10 numbers, 5 multiple choices of four options, 5 short texts) written
 * as CSV, SPSS (.sav, bytecode-compressed) and Parquet, each in a process of its own so that its
 * peak memory is its own. The dataset is built in memory first, as `longitude export` builds a
 * sample today; the peak includes it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { textColumn, type Column, type Dataset } from '../src/analysis/dataset.js';
import { csvExportLines } from '../src/formats/csv-export.js';
import { writeParquet } from '../src/formats/parquet/index.js';
import { writeSav } from '../src/formats/sav/index.js';
import { seededRandom } from '../test/support/seeded-random.js';

export interface ExportBench {
  format: string;
  responses: number;
  variables: number;
  seconds: number;
  megabytes: number;
  peakMegabytes: number;
}

const labels = [1, 2, 3, 4, 5].map((code) => ({
  code,
  name: `c${code}`,
  label: { en: `Answer ${code}` },
}));

export function generated(n: number): Dataset {
  const random = seededRandom(2022);
  const columns = new Map<string, Column>();
  for (let v = 0; v < 80; v++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = random() < 0.03 ? NaN : 1 + Math.floor(random() * 5);
    columns.set(`q${v}`, {
      type: 'number',
      values,
      labels,
      info: { measure: 'nominal', kind: 'select_one', label: { en: `Question ${v}` } },
    });
  }
  for (let v = 0; v < 10; v++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = Math.round(random() * 100000) / 100;
    columns.set(`x${v}`, { type: 'number', values, labels: [], info: { measure: 'scale' } });
  }
  for (let v = 0; v < 5; v++) {
    const chosen = new Uint8Array(n * 4);
    const answered = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      answered[i] = random() < 0.9 ? 1 : 0;
      if (answered[i]) for (let k = 0; k < 4; k++) chosen[i * 4 + k] = random() < 0.3 ? 1 : 0;
    }
    columns.set(`m${v}`, {
      type: 'multiple',
      options: labels.slice(0, 4),
      chosen,
      answered,
      info: { measure: 'nominal', kind: 'select_multiple', label: { en: `Reasons ${v}` } },
    });
  }
  const words = ['Москва', 'Тбилиси', 'Ереван', 'Berlin', 'Astana', 'Istanbul', 'Belgrade'];
  for (let v = 0; v < 5; v++)
    columns.set(
      `t${v}`,
      textColumn(
        Array.from({ length: n }, () =>
          random() < 0.5
            ? null
            : `${words[Math.floor(random() * words.length)]} ${Math.floor(random() * 1000)}`,
        ),
        { measure: 'nominal', kind: 'text' },
      ),
    );
  return { n, columns };
}

async function write(file: string, parts: Iterable<string | Uint8Array>): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const part of parts) {
    bytes += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
    if (!out.write(part)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

export async function exportBench(format: string, n: number, file: string): Promise<ExportBench> {
  const data = generated(n);
  const started = performance.now();
  const parts =
    format === 'csv'
      ? csvExportLines(data, { language: 'en' })
      : format === 'sav'
        ? writeSav(data, { language: 'en', compression: 'bytes' })
        : writeParquet(data, { language: 'en' });
  const bytes = await write(file, parts);
  return {
    format,
    responses: n,
    variables: data.columns.size,
    seconds: (performance.now() - started) / 1000,
    megabytes: Math.round(bytes / 1e6),
    peakMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

// As its own process (`tsx bench/export.ts FORMAT N FILE`), so that its peak memory is its own.
if (process.argv[1]?.endsWith('export.ts') && process.argv.length === 5) {
  const [format, n, file] = process.argv.slice(2) as [string, string, string];
  console.log(JSON.stringify(await exportBench(format, Number(n), file)));
}
