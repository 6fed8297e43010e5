/**
 * Reads a CSV file (UTF-8, comma-separated, first line the variable names) into a columnar
 * dataset: a column whose every non-empty cell is a number is numbers, any other is text (empty
 * cells and `NA` are missing). Problems name the line.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { datasetFromCells, type Dataset } from '../analysis/dataset.js';
import { Problem } from '../problems/problem.js';

export function readCsv(text: string, file: string): Dataset {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new Problem('input.invalid', `${file}${line ? `:${line}` : ''}: ${error.message}`, {
        file,
        line,
      });
    }
    throw error;
  }
  const header = records[0];
  if (!header || header.length === 0)
    throw new Problem(
      'input.invalid',
      `${file}: the file is empty; its first line must name the variables.`,
      { file, line: 1 },
    );
  const seen = new Set<string>();
  header.forEach((name, j) => {
    if (name.trim() === '')
      throw new Problem('input.invalid', `${file}:1: column ${j + 1} has no name.`, {
        file,
        line: 1,
      });
    if (seen.has(name))
      throw new Problem('input.invalid', `${file}:1: the variable '${name}' appears twice.`, {
        file,
        line: 1,
      });
    seen.add(name);
  });
  const columns = new Map(header.map((name) => [name, [] as (string | null)[]]));
  for (let r = 1; r < records.length; r++)
    header.forEach((name, j) => {
      const v = records[r]![j]!;
      columns.get(name)!.push(v === '' || v === 'NA' ? null : v);
    });
  return datasetFromCells(columns);
}
