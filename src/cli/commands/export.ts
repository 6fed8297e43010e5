/**
 * `longitude export --study S --format F --out FILE [--wave W] [--sample kept|all|panel]
 * [--form wide|long] [--where EXPR] [--lang en] [--bom] [--public [--k 5]]`: a sample of the
 * study's responses as a file for spreadsheets, statistics programs and archives, written as it
 * is made (writePrivateFile: beside the target, renamed when complete, mode 600), with progress
 * on the error output when it is a terminal.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Dataset } from '../../analysis/dataset.js';
import { publicUse, type PublicUseChange } from '../../analysis/public-use.js';
import {
  combinedSample,
  filterSample,
  panelLongSample,
  panelSample,
} from '../../analysis/samples.js';
import { keptResponses } from '../../fieldwork/report-data.js';
import { loadWaveResponses } from '../../fieldwork/samples.js';
import { csvExportLines } from '../../formats/csv-export.js';
import { writeDta } from '../../formats/dta/index.js';
import { SavError, writeSav } from '../../formats/sav/index.js';
import { ParquetError, writeParquet } from '../../formats/parquet/index.js';
import { DdiError, writeDdi } from '../../formats/ddi/index.js';
import {
  writeCodebookHtml,
  writeCodebookMarkdown,
  type Codebook,
} from '../../formats/codebook/index.js';
import { loadSurveyWave } from '../../fieldwork/survey-wave.js';
import { Problem } from '../../problems/problem.js';
import { withStore } from '../database.js';
import { writePrivateFile } from '../private-file.js';
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

/** The chunks of the file in the format asked for. */
function chunks(
  data: Dataset,
  format: ExportFormat,
  flags: ExportFlags,
  language: string,
  codebook: Codebook,
): Iterable<Uint8Array | string> {
  switch (format) {
    case 'parquet':
      return writeParquet(data, { language });
    case 'ddi':
      return writeDdi(codebook);
    case 'codebook':
      return writeCodebookHtml(codebook, { language });
    case 'codebook-md':
      return writeCodebookMarkdown(codebook, { language });
    case 'csv':
    case 'csv-labels':
      return csvExportLines(data, {
        labels: format === 'csv-labels',
        language,
        ...(flags.bom ? { bom: true } : {}),
      });
    case 'sav':
      return writeSav(data, { language, fileLabel: `${flags.study} ${flags.sample ?? 'kept'}` });
    case 'dta':
      return writeDta(data, { language, datasetLabel: `${flags.study} ${flags.sample ?? 'kept'}` });
  }
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
    const source = await loadWaveResponses(store.db, flags.study);
    if (flags.wave !== undefined && !source.waves.includes(flags.wave))
      refuse(
        'wave',
        `Study '${flags.study}' has no wave '${flags.wave}'; its waves are ${source.waves.join(', ')}.`,
      );
    const { checked, kept } =
      sample === 'all'
        ? { checked: false, kept: () => true }
        : await keptResponses(store.db, flags.study);
    let data: Dataset =
      sample === 'panel'
        ? form === 'long'
          ? panelLongSample(source, kept)
          : panelSample(source, kept)
        : combinedSample(source, kept, flags.wave ?? source.waves.at(-1)!);
    if (flags.where !== undefined) data = filterSample(data, 'where', flags.where);
    let changes: PublicUseChange[] = [];
    if (flags.public) {
      const made = publicUse(data, { k, newId: () => randomBytes(8).toString('hex') });
      data = made.data;
      changes = made.changes;
    }
    // What the codebook and DDI say of the study and each variable (its questionnaires).
    const sw = await loadSurveyWave(store.db, flags.study, flags.wave ?? source.waves.at(-1)!);
    const variables = [
      ...new Map(
        [...(source.variables?.values() ?? [])].flat().map((v) => [v.name, v] as const),
      ).values(),
    ];
    const codebook: Codebook = {
      study: { id: flags.study, title: sw.study.title },
      data,
      variables: variables as unknown as Codebook['variables'],
      changes,
      fileName: path.basename(flags.out),
    };
    // Progress on a terminal, every 8 MB.
    let shown = 0;
    const progress = process.stderr.isTTY
      ? (bytes: number) => {
          if (bytes - shown < 8 << 20) return;
          shown = bytes;
          io.err(`  ${(bytes / 1e6).toFixed(0)} MB written…`);
        }
      : undefined;
    let parts: Iterable<Uint8Array | string>;
    try {
      parts = chunks(data, format, flags, language, codebook);
    } catch (error) {
      // What a writer cannot write (a name it cannot make valid, a language no label has).
      if (error instanceof SavError || error instanceof ParquetError || error instanceof DdiError)
        refuse(error.column ?? 'format', `--format ${format}: ${error.message}`);
      throw error;
    }
    const bytes = await writePrivateFile(flags.out, parts, 'out', progress);
    const seconds = (Date.now() - started) / 1000;
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            study: flags.study,
            format,
            sample,
            form,
            rows: data.n,
            columns: data.columns.size,
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
      `Wrote ${data.n} rows of ${data.columns.size} variables (${sample}${sample === 'panel' ? `, ${form}` : ''}) as ${format} to ${flags.out}: ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s.`,
    );
    if (flags.public) {
      io.out(`Public-use file (k = ${k}):`);
      for (const c of changes) io.out(`  ${c.variable}: ${c.change}`);
    }
    return 0;
  });
}
