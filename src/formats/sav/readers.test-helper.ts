/**
 * The independent readers the .sav tests compare against: PSPP (`pspp`, `pspp-convert`) and R's
 * haven. Neither is optional: where one is missing the test fails and says what to install
 * (.ci/run installs both), rather than passing without having read anything.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Dataset } from '../../analysis/dataset.js';
import type { SavOptions } from './types.js';
import { writeSav } from './write-sav.js';

const packages: Record<string, string> = {
  pspp: 'pspp',
  'pspp-convert': 'pspp',
  Rscript: 'r-base-core',
};

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (error.code === 'ENOENT')
      throw new Error(
        `${command} reads the .sav files back and is not installed: install the Debian package ` +
          `${packages[command] ?? command} (.ci/run does)`,
      );
    const said = `${error.stderr ?? ''}${error.stdout ?? ''}`;
    const r = /there is no package called [‘'](\w+)[’']/.exec(said);
    if (r)
      throw new Error(
        `R's ${r[1]} reads the .sav files back and is not installed: install the Debian package ` +
          `r-cran-${r[1]!.toLowerCase()} (.ci/run does)`,
      );
    throw new Error(`${command} ${args.join(' ')} failed: ${said}${error.message}`);
  }
}

/** A fresh folder for one test's files; `done` removes it. */
export async function workFolder(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'longitude-sav-'));
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes the dataset as `dir/name` and returns the file's path. */
export async function writeSavFile(
  dir: string,
  name: string,
  data: Dataset,
  options: SavOptions,
): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, Buffer.concat([...writeSav(data, options)]));
  return file;
}

export interface PsppOutput {
  /** Each table PSPP printed, by title: its rows as CSV cells, the heading row first. */
  tables: Map<string, string[][]>;
  /** Everything PSPP said, output file and terminal, to look for warnings. */
  text: string;
}

/** Runs PSPP syntax in `dir`, with its tables written as CSV. */
export async function runPspp(dir: string, syntax: string): Promise<PsppOutput> {
  await writeFile(path.join(dir, 'read.sps'), syntax);
  const said = run('pspp', ['read.sps', '-o', 'out.csv'], dir);
  const text = await readFile(path.join(dir, 'out.csv'), 'utf8');
  return { tables: psppTables(text), text: `${said}\n${text}` };
}

/** PSPP's CSV output: blank-line separated blocks, each `Table: title` then CSV rows. */
export function psppTables(text: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const block of text.split(/\r?\n\r?\n/)) {
    const match = /^Table: (.*)\r?\n([\s\S]*)$/.exec(block);
    if (!match) continue;
    const body = match[2]!
      .split(/\r?\n/)
      .filter((l) => !l.startsWith('Footnote:'))
      .join('\n');
    tables.set(match[1]!, parse(body, { relax_column_count: true }) as string[][]);
  }
  return tables;
}

/** The cases as `pspp-convert` writes them to CSV: numbers in full, system-missing as a space. */
export async function psppConvert(dir: string, sav: string): Promise<string[][]> {
  const csv = path.join(dir, `${path.basename(sav)}.csv`);
  run('pspp-convert', [sav, csv], dir);
  return parse(await readFile(csv, 'utf8')) as string[][];
}

export function psppVersion(): string {
  return run('pspp', ['--version'], tmpdir()).split('\n')[0]!;
}

/** What haven says of one variable. */
export interface HavenVariable {
  name: string;
  label: string | null;
  /** Value labels: label -> value. */
  labels: Record<string, number> | null;
  naValues: number[] | null;
  naRange: number[] | null;
  format: string | null;
  /** Numbers, or text; NA as null. */
  values: (number | string | null)[];
}

export interface HavenOutput {
  fileLabel: string | null;
  variables: HavenVariable[];
}

const havenScript = String.raw`
suppressMessages({ library(haven); library(jsonlite) })
args <- commandArgs(TRUE)
d <- read_sav(args[1], user_na = args[2] == "TRUE")
orNull <- function(x) if (is.null(x)) NULL else x
variables <- lapply(names(d), function(n) {
  x <- d[[n]]
  a <- attributes(x)
  labels <- a$labels
  list(
    name = n,
    label = orNull(a$label),
    labels = if (is.null(labels)) NULL else as.list(setNames(as.numeric(labels), names(labels))),
    naValues = if (is.null(a$na_values)) NULL else I(as.numeric(a$na_values)),
    naRange = if (is.null(a$na_range)) NULL else I(as.numeric(a$na_range)),
    format = orNull(a$format.spss),
    text = is.character(x),
    # Numbers as text with 17 significant digits, enough to read back the same double.
    values = I(if (is.character(x)) x else {
      v <- as.numeric(vctrs::vec_data(x))
      ifelse(is.na(v), NA, sprintf("%.17g", v))
    })
  )
})
out <- list(fileLabel = orNull(attr(d, "label")), variables = variables)
cat(toJSON(out, auto_unbox = TRUE, null = "null", na = "null"))
`;

/** Reads a .sav file with haven::read_sav, user-missing values kept as values or not. */
export async function readWithHaven(
  dir: string,
  sav: string,
  userNa: boolean,
): Promise<HavenOutput> {
  const script = path.join(dir, 'read.R');
  await writeFile(script, havenScript);
  const json = run('Rscript', [script, sav, userNa ? 'TRUE' : 'FALSE'], dir);
  const out = JSON.parse(json) as {
    fileLabel: string | null;
    variables: (Omit<HavenVariable, 'values'> & { text: boolean; values: (string | null)[] })[];
  };
  return {
    fileLabel: out.fileLabel,
    variables: out.variables.map(({ text, values, ...v }) => ({
      ...v,
      values: values.map((x) => (x === null || text ? x : Number(x))),
      label: v.label ?? null,
      labels: v.labels ?? null,
      naValues: v.naValues ?? null,
      naRange: v.naRange ?? null,
      format: v.format ?? null,
    })),
  };
}

export function havenVersion(): string {
  return run('Rscript', ['-e', 'cat(as.character(packageVersion("haven")))'], tmpdir()).trim();
}
