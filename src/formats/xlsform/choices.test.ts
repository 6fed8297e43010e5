import { describe, expect, it } from 'vitest';
import { readChoiceLists } from './choices.js';
import { filterChoices } from './choice-filter.js';
import { Columns, readColumns } from './columns.js';
import { ProblemList } from './problems.js';
import { sheetFromRows } from './workbook.js';

function lists(rows: string[][]) {
  const sheet = sheetFromRows(
    'choices',
    rows.map((cells, i) => ({ number: i + 1, cells })),
  );
  const problems = new ProblemList();
  const result = readChoiceLists(new Columns(sheet, readColumns(sheet, problems), 'en'), problems);
  return { lists: result, problems: problems.all };
}

const codes = (rows: { name: string; code: number }[]) => rows.map((c) => [c.name, c.code]);

describe('choice lists', () => {
  it('codes a numeric name as itself and the others by order, skipping codes taken', () => {
    const { lists: l } = lists([
      ['list name', 'value', 'label'],
      ['yn', 'yes', 'Yes'],
      ['yn', 'no', 'No'],
      ['yn', '98', "Don't know"],
      ['scale', '1', 'Low'],
      ['scale', '5', 'High'],
      ['mixed', 'a', 'A'],
      ['mixed', '1', 'One'],
      ['mixed', 'b', 'B'],
    ]);
    expect(codes(l.get('yn')!)).toEqual([
      ['yes', 1],
      ['no', 2],
      ['98', 98],
    ]);
    expect(codes(l.get('scale')!)).toEqual([
      ['1', 1],
      ['5', 5],
    ]);
    expect(codes(l.get('mixed')!)).toEqual([
      ['a', 2],
      ['1', 1],
      ['b', 3],
    ]);
    expect(l.get('yn')![2]!.row).toBe(4);
  });

  it('reports rows without a list or a name, and media', () => {
    const { problems } = lists([
      ['list_name', 'name', 'label', 'image'],
      ['', 'orphan', 'Orphan'],
      ['yn', '', 'Nameless'],
      ['yn', 'yes', 'Yes', 'yes.png'],
    ]);
    expect(problems.map((p) => [p.row, p.column, p.kind, p.code])).toEqual([
      [2, 'list_name', 'note', 'no-list'],
      [3, 'name', 'error', 'no-name'],
      [4, 'image', 'not-imported', 'media'],
    ]);
  });

  it('keeps the choices a filter on their own columns picks', () => {
    const { lists: l } = lists([
      ['list_name', 'name', 'label', 'kind', 'rank'],
      ['place', 'tbilisi', 'Tbilisi', 'city', '1'],
      ['place', 'batumi', 'Batumi', 'city', '2'],
      ['place', 'adjara', 'Adjara', 'region', '3'],
      ['place', 'other', 'Other', '', ''],
    ]);
    const place = l.get('place')!;
    const names = (filter: string) => {
      const r = filterChoices(filter, place);
      return r.ok ? r.choices.map((c) => c.name) : r.why;
    };
    expect(names("kind = 'city'")).toEqual(['tbilisi', 'batumi']);
    expect(names("kind = 'city' or name = 'other'")).toEqual(['tbilisi', 'batumi', 'other']);
    expect(names('rank >= 2')).toEqual(['batumi', 'adjara']);
    expect(names("name != 'other'")).toEqual(['tbilisi', 'batumi', 'adjara']);
    expect(names('kind = ${region_type}')).toBe(
      'depends on the answer to ${region_type}, and Longitude offers the same choices to everyone',
    );
    expect(names("starts-with(name, 't')")).toBe('uses starts-with(), which Longitude lacks');
  });
});
