/**
 * `longitude export --study S --format F --out FILE [--wave W] [--sample kept|all|panel]
 * [--form wide|long] [--where EXPR] [--lang en] [--bom] [--public [--k 5]]`: a sample of the
 * study's responses as a file for spreadsheets, statistics programs and archives, written as it
 * is made (writePrivateFile: beside the target, renamed when complete, mode 600), with progress
 * on the error output when it is a terminal.
 */
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { mapChunks, type ChunkedDataset } from '../../analysis/chunked.js';
import type { Dataset } from '../../analysis/dataset.js';
import { PublicUse, publicUseChunks, type PublicUseChange } from '../../analysis/public-use.js';
import { waveColumn } from '../../analysis/samples.js';
import { exportSample, type SampleAbout } from '../../fieldwork/sample-stream.js';
import { getStudy } from '../../store/queries/studies.js';
import { csvWriter } from '../../formats/csv-export.js';
import { dtaWriter } from '../../formats/dta/index.js';
import { SavError, savWriter } from '../../formats/sav/index.js';
import { ParquetError, parquetWriter } from '../../formats/parquet/index.js';
import { DdiError, ddiWriter } from '../../formats/ddi/index.js';
import {
  codebookHtmlWriter,
  codebookMarkdownWriter,
  type CodebookShape,
  type QuestionSource,
} from '../../formats/codebook/index.js';
import { writeChunked, type TableWriter } from '../../formats/table-writer.js';
import { Problem } from '../../problems/problem.js';
import type { Variable } from '../../questionnaire/variables.js';
import { withStore } from '../database.js';
import { writePrivateFile } from '../private-file.js';
import { ProgressBar } from '../progress-bar.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

export const exportFormats = [
  'csv',
  'csv-labels',
  'sav',
  'dta',
  'parquet',
  'ddi',
  'codebook',
  'codebook-md',
] as const;
type ExportFormat = (typeof exportFormats)[number];
const samples = ['kept', 'all', 'panel'] as const;

export interface ExportFlags extends DatabaseFlags {
  study: string;
  format: string;
  out: string;
  wave?: string;
  sample?: string;
  form?: string;
  where?: string;
  lang?: string;
  bom?: boolean;
  public?: boolean;
  k?: string;
  json?: boolean;
}

function refuse(field: string, message: string): never {
  throw new Problem('input.invalid', message, { field });
}

/** The writer of the format asked for, made from the sample's shape. */
function writerFor(
  format: ExportFormat,
  shape: ChunkedDataset['shape'],
  flags: ExportFlags,
  language: string,
  codebook: CodebookShape,
): TableWriter {
  const label = `${flags.study} ${flags.sample ?? 'kept'}`;
  switch (format) {
    case 'parquet':
      return parquetWriter(shape, { language });
    case 'ddi':
      return ddiWriter(codebook);
    case 'codebook':
      return codebookHtmlWriter(codebook, { language });
    case 'codebook-md':
      return codebookMarkdownWriter(codebook, { language });
    case 'csv':
    case 'csv-labels':
      return csvWriter(shape, {
        labels: format === 'csv-labels',
        language,
        ...(flags.bom ? { bom: true } : {}),
      });
    case 'sav':
      return savWriter(shape, { language, fileLabel: label });
    case 'dta':
      return dtaWriter(shape, { language, datasetLabel: label });
  }
}

/** What a writer cannot write (a name it cannot make valid, a language no label has). */
function writerRefusal(error: unknown, format: string): never {
  if (error instanceof SavError || error instanceof ParquetError || error instanceof DdiError)
    refuse(error.column ?? 'format', `--format ${format}: ${error.message}`);
  throw error;
}

/**
 * The questionnaires' variables under the sample's column names: suffixed by wave in the wide
 * panel sample (`country_now__wave-2`), else as they are (the later wave's where both ask).
 */
function questionSources(
  variables: ReadonlyMap<string, readonly Variable[]>,
  waves: readonly string[],
  wide: boolean,
): QuestionSource[] {
  if (wide)
    return waves.flatMap((w) =>
      (variables.get(w) ?? []).map((v) => ({ ...v, name: waveColumn(v.name, w) })),
    );
  const byName = new Map<string, Variable>();
  for (const w of waves) for (const v of variables.get(w) ?? []) byName.set(v.name, v);
  return [...byName.values()];
}

/**
 * The rows of the last complete reading of `data`, counted as they pass; `heard` hears each
 * reading's number (from 0) and its rows so far.
 */
function counted(
  data: ChunkedDataset,
  heard: (reading: number, rows: number, done: boolean) => void,
): { data: ChunkedDataset; rows: () => number } {
  let rows = 0;
  let readings = 0;
  return {
    data: {
      shape: data.shape,
      async *chunks() {
        const reading = readings++;
        let n = 0;
        for await (const chunk of data.chunks()) {
          n += chunk.n;
          heard(reading, n, false);
          yield chunk;
        }
        heard(reading, n, true);
        rows = n;
      },
    },
    rows: () => rows,
  };
}

export async function exportCommand(flags: ExportFlags, io: Io): Promise<number> {
  if (!exportFormats.includes(flags.format as ExportFormat))
    refuse('format', `--format must be one of ${exportFormats.join(', ')}, not '${flags.format}'.`);
  const format = flags.format as ExportFormat;
  const sample = flags.sample ?? 'kept';
  if (!samples.includes(sample as (typeof samples)[number]))
    refuse('sample', `--sample must be one of ${samples.join(', ')}, not '${sample}'.`);
  const form = flags.form ?? 'wide';
  if (form !== 'wide' && form !== 'long')
    refuse('form', `--form must be wide or long, not '${form}'.`);
  if (form === 'long' && sample !== 'panel')
    refuse('form', '--form long is the panel sample in long form: use it with --sample panel.');
  const k = flags.k === undefined ? 5 : Number(flags.k);
  if (!Number.isInteger(k) || k < 2)
    refuse('k', `--k must be a whole number of at least 2, not '${flags.k}'.`);
  const language = flags.lang ?? 'en';
  return withStore(flags, io, async (store) => {
    const started = Date.now();
    // The first reading of the sample looks for the public-use counts or for the writer,
    // made for the sample as declared; if the sample is not so, they look again.
    const key = randomBytes(32);
    const publicOptions = {
      k,
      // New ids by a keyed hash: one per old id across the file, the key never kept.
      newId: (old: string) => createHmac('sha256', key).update(old).digest('hex').slice(0, 16),
    };
    const title = (await getStudy(store.db, flags.study))?.title ?? {};
    // What the codebook and DDI say of the study and each variable (its questionnaires).
    const codebookOf = (shape: Dataset, about: SampleAbout): CodebookShape => {
      const waves =
        sample === 'panel'
          ? [about.waves[0]!, about.waves.at(-1)!]
          : about.waves.slice(0, about.waves.indexOf(about.wave) + 1);
      return {
        study: { id: flags.study, title },
        shape,
        variables: questionSources(about.variables, waves, sample === 'panel' && form === 'wide'),
        changes,
        fileName: path.basename(flags.out),
      };
    };
    const writerOf = (shape: Dataset, about: SampleAbout): TableWriter => {
      try {
        return writerFor(format, shape, flags, language, codebookOf(shape, about));
      } catch (error) {
        writerRefusal(error, format);
      }
    };
    let changes: PublicUseChange[] = [];
    let plan: PublicUse | undefined;
    let early: TableWriter | undefined;
    let lookedRows = 0;
    const bar = new ProgressBar(process.stderr);
    const made = await exportSample(store.db, flags.study, {
      sample: sample as 'kept' | 'all' | 'panel',
      form,
      ...(flags.wave !== undefined ? { wave: flags.wave } : {}),
      ...(flags.where !== undefined ? { where: flags.where } : {}),
      firstLook: (shape, about) => {
        if (flags.public) {
          const p = (plan = new PublicUse(shape, publicOptions));
          return (chunk) => {
            lookedRows += chunk.n;
            p.see(chunk);
          };
        }
        const w = (early = writerOf(shape, about));
        return (chunk) => {
          lookedRows += chunk.n;
          if (w.looksFirst) w.see(chunk);
        };
      },
      progress: (rows) => bar.show('Reading responses', rows),
    });
    const { checked } = made;
    let data = made.data;
    if (flags.public) {
      if (made.looked && plan) {
        const p = plan;
        const decided = p.finish();
        changes = decided.changes;
        data = mapChunks(data, decided.shape, (chunk) => p.apply(chunk));
      } else ({ data, changes } = await publicUseChunks(data, publicOptions));
    }
    const seen = early !== undefined && made.looked;
    const writer = seen ? early! : writerOf(data.shape, made);
    // The rows to come, where known: all built, or those the look saw pass the filter.
    const total = flags.where === undefined ? made.built : made.looked ? lookedRows : undefined;
    const name = path.basename(flags.out);
    const phases = [
      ...(writer.looksFirst && !seen ? [`Checking rows for ${name}`] : []),
      `Writing ${name}`,
      `Writing long texts of ${name}`,
    ];
    const count = counted(data, (reading, rows, done) =>
      bar.show(phases[Math.min(reading, phases.length - 1)]!, rows, total, done),
    );
    let bytes: number;
    try {
      bytes = await writePrivateFile(flags.out, writeChunked(writer, count.data, { seen }), 'out');
    } catch (error) {
      bar.end();
      writerRefusal(error, format);
    }
    bar.end();
    const rows = count.rows();
    const columns = data.shape.columns.size;
    const seconds = (Date.now() - started) / 1000;
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            study: flags.study,
            format,
            sample,
            form,
            rows,
            columns,
            bytes,
            file: flags.out,
            public: flags.public === true,
            changes,
            seconds,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    if (sample !== 'all' && !checked)
      io.out(
        `Study '${flags.study}' has not been checked for quality: every complete response counts.`,
      );
    io.out(
      `Wrote ${rows} rows of ${columns} variables (${sample}${sample === 'panel' ? `, ${form}` : ''}) as ${format} to ${flags.out}: ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s.`,
    );
    if (flags.public) {
      io.out(`Public-use file (k = ${k}):`);
      for (const c of changes) io.out(`  ${c.variable}: ${c.change}`);
    }
    return 0;
  });
}
