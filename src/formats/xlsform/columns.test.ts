import { describe, expect, it } from 'vitest';
import { Columns, readColumns } from './columns.js';
import { ProblemList } from './problems.js';
import { sheetFromRows } from './workbook.js';

function columnsOf(header: string[], ...rows: string[][]) {
  const sheet = sheetFromRows(
    'survey',
    [header, ...rows].map((cells, i) => ({ number: i + 1, cells })),
  );
  const problems = new ProblemList();
  return { columns: new Columns(sheet, readColumns(sheet, problems), 'ru'), problems, sheet };
}

describe('survey columns', () => {
  it("reads ODK's aliases as one field", () => {
    const { columns } = columnsOf([
      'Type',
      'name',
      'caption',
      'constraint message',
      'jr:requiredMsg',
      'bind::relevant',
      'control::appearance',
      'calculate',
      'read only',
      'media::image',
      'big-image',
    ]);
    expect(columns.list.map((c) => c.field)).toEqual([
      'type',
      'name',
      'label',
      'constraint_message',
      'required_message',
      'relevant',
      'appearance',
      'calculation',
      'read_only',
      'media',
      'media',
    ]);
  });

  it('splits texts by language; a plain column is in the default language and fills gaps', () => {
    const { columns, sheet } = columnsOf(
      [
        'label',
        'label::English (en)',
        'label::de',
        'hint::English',
        'constraint_message::Russian (ru)',
      ],
      ['Возраст', 'Age', '', 'In years', 'Не меньше 18'],
    );
    const row = sheet.rows[0]!;
    expect(
      Object.fromEntries([...columns.texts(row, 'label')].map(([l, c]) => [l, c.text])),
    ).toEqual({
      en: 'Age',
      ru: 'Возраст',
    });
    expect(columns.texts(row, 'hint').get('en')).toEqual({
      text: 'In years',
      column: 'hint::English',
    });
    expect([...columns.languages(['label', 'hint', 'constraint_message'])]).toEqual(['ru', 'en']);
  });

  it('reports a language column whose language cannot be told', () => {
    const { columns, problems } = columnsOf(['type', 'label::Klingon', 'label::English (en)']);
    expect(columns.list.map((c) => c.header)).toEqual(['type', 'label::English (en)']);
    expect(problems.all).toEqual([
      {
        sheet: 'survey',
        row: 1,
        column: 'label::Klingon',
        kind: 'error',
        code: 'language',
        message:
          "Cannot tell the language of column 'label::Klingon'; write it with the language's tag in brackets, as label::Klingon (xx).",
      },
    ]);
  });
});
