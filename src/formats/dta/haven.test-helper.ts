/**
 * Reads .dta files back with R's haven (through `read-dta.R`), an independent reader: haven
 * reads Stata files with the ReadStat library, written in C without reference to this writer.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const script = path.join(import.meta.dirname, 'read-dta.R');

export interface HavenLabel {
  value: number | null;
  tag: string | null;
  label: string;
}

export interface HavenVariable {
  name: string;
  type: 'number' | 'text';
  label: string | null;
  format: string;
  /** Numbers (null where missing) or texts. */
  values: (number | string | null)[];
  /** Each value's na_tag: "a" for .a, null for a number or `.`. */
  tags: (string | null)[];
  labels: HavenLabel[];
}

export interface HavenDataset {
  haven: string;
  label: string | null;
  rows: number;
  variables: HavenVariable[];
  byName: Map<string, HavenVariable>;
}

/** Why haven cannot be used here, or undefined when it can. */
export function havenMissing(): string | undefined {
  try {
    execFileSync('Rscript', ['-e', 'library(haven)'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return "R's haven package is needed to read .dta files back (Debian: r-cran-haven; .ci/run installs it).";
  }
}

/** Streams the chunks to a file, reads it with haven, and gives what haven saw. */
export async function readWithHaven(chunks: Iterable<Uint8Array>): Promise<HavenDataset> {
  const dir = await mkdtemp(path.join(tmpdir(), 'longitude-dta-'));
  try {
    const file = path.join(dir, 'data.dta');
    const out = path.join(dir, 'data.json');
    await pipeline(Readable.from(chunks), createWriteStream(file));
    execFileSync('Rscript', [script, file, out], { stdio: 'pipe' });
    const read = JSON.parse(await readFile(out, 'utf8')) as Omit<HavenDataset, 'byName'>;
    return { ...read, byName: new Map(read.variables.map((v) => [v.name, v])) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
