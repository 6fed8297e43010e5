/** The writer's options, and what a .sav file of a dataset holds once planned. */
import type { Format } from './formats.js';
import type { MissingValues } from './missing-values.js';

export interface SavOptions {
  /** The language of variable labels, value labels and set labels (`ru`, `en`). */
  language: string;
  /** Bytecode compression (SPSS's default) or none. Default `bytes`. */
  compression?: 'none' | 'bytes';
  /** The file label: at most 64 bytes are kept. */
  fileLabel?: string;
  /** The column of case weights, a number column. */
  weight?: string;
  /** When the file was made, for the header; absent, the format's "unknown" (01 Jan 70). */
  created?: Date;
  /** Value labels of a multiple choice's 0/1 variables; by default in English or Russian. */
  chosenLabels?: { notChosen: string; chosen: string };
  /** Bytes per chunk handed out; default 64 KiB. */
  chunkSize?: number;
}

/**
 * Where a variable's values come from in each chunk of rows: its column (`SavVariable.column`)
 * as a number, a text, or one option of a multiple choice (`option` of `options`).
 */
export type SavSource =
  { kind: 'number' } | { kind: 'text' } | { kind: 'option'; options: number; option: number };

export interface ValueLabelEntry {
  value: number;
  label: string;
}

export interface SavVariable {
  /** The dataset column it comes from. */
  column: string;
  /** The long name, as readers show it. */
  name: string;
  /** One short name per segment: several only for strings over 255 bytes. */
  shortNames: string[];
  /** 0 for a number; for a string its width in bytes. */
  width: number;
  label?: string;
  format: Format;
  measure: 1 | 2 | 3;
  displayWidth: number;
  alignment: number;
  missing?: MissingValues;
  valueLabels: ValueLabelEntry[];
  source: SavSource;
}

export interface SavResponseSet {
  /** `$` and the item's name. */
  name: string;
  label: string;
  variables: SavVariable[];
}

export interface SavPlan {
  n: number;
  variables: SavVariable[];
  sets: SavResponseSet[];
  /** The weight variable's dictionary index (1-based, counting every 8-byte element), or 0. */
  weightIndex: number;
  compression: 'none' | 'bytes';
  fileLabel: string;
  created?: Date;
  /** What was shortened to fit the format, a sentence each. */
  notes: string[];
}
