// Files written by writeSav, read back by GNU PSPP (checked with PSPP 1.6.2): the dictionary
// (DISPLAY DICTIONARY, SYSFILE INFO), the multiple-response sets (MRSETS /DISPLAY) and the cases
// (pspp-convert to CSV, numbers in full). Expected values are written out from the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberColumn, textColumn, type Column } from '../../analysis/dataset.js';
import { fixture, longText } from './fixture.test-helper.js';
import {
  psppConvert,
  runPspp,
  workFolder,
  writeSavFile,
  type PsppOutput,
} from './readers.test-helper.js';

let dir = '';
let done = async (): Promise<void> => {};
beforeAll(async () => {
  ({ dir, done } = await workFolder());
});
afterAll(() => done());

function read(file: string): Promise<PsppOutput> {
  return runPspp(
    dir,
    [
      `SYSFILE INFO FILE='${file}'.`,
      `GET FILE='${file}'.`,
      'DISPLAY DICTIONARY.',
      'MRSETS /DISPLAY NAME=ALL.',
      '',
    ].join('\n'),
  );
}

/** A table's rows after its heading. */
function rows(out: PsppOutput, title: string): string[][] {
  const table = out.tables.get(title);
  if (!table) throw new Error(`PSPP printed no table "${title}":\n${out.text}`);
  return table.slice(1);
}

const numeric = (cell: string): number | null => (cell === ' ' ? null : Number(cell));

describe.each(['none', 'bytes'] as const)(
  'PSPP reads a .sav file (compression %s)',
  (compression) => {
    let out: PsppOutput;
    let cases: string[][];
    beforeAll(async () => {
      const file = await writeSavFile(dir, `fixture-${compression}.sav`, fixture(), {
        language: 'ru',
        compression,
        fileLabel: 'Волна 1',
      });
      out = await read(file);
      cases = await psppConvert(dir, file);
    });

    it('without a warning', () => {
      expect(out.text).not.toMatch(/warning|error/i);
    });

    it('finds the cases, the encoding, the compression and the file label', () => {
      const info = Object.fromEntries(out.tables.get('File Information')!.map(([k, v]) => [k, v]));
      expect(info).toMatchObject({
        Label: 'Волна 1',
        Variables: '12',
        Cases: '6',
        Encoding: 'UTF-8',
        Compression: compression === 'bytes' ? 'SAV' : 'None',
        Weight: 'Not weighted',
      });
    });

    it('finds long names, labels, measures, widths, formats and missing values', () => {
      // Name, Position, Label, Measurement Level, Role, Width, Alignment, Print and Write Format,
      // Missing Values.
      expect(rows(out, 'Variables')).toEqual([
        ['id', '1', 'Респондент', 'Nominal', 'Input', '8', 'Right', 'F8.0', 'F8.0', ''],
        ['gender', '2', 'Пол', 'Nominal', 'Input', '8', 'Right', 'F8.0', 'F8.0', '98; 99'],
        [
          'satisfaction',
          '3',
          'Удовлетворённость',
          'Ordinal',
          'Input',
          '8',
          'Right',
          'F8.0',
          'F8.0',
          '96 THRU 99',
        ],
        [
          'household_income',
          '4',
          'Доход семьи',
          'Scale',
          'Input',
          '10',
          'Right',
          'F10.2',
          'F10.2',
          '',
        ],
        ['v_2022_moved', '5', '', 'Scale', 'Input', '9', 'Right', 'F9.4', 'F9.4', ''],
        ['город', '6', 'Город', 'Nominal', 'Input', '7', 'Left', 'A14', 'A14', ''],
        ['comment', '7', 'Комментарий', 'Nominal', 'Input', '64', 'Left', 'A1150', 'A1150', ''],
        [
          'reasons_money',
          '8',
          'Причины отъезда: Деньги',
          'Nominal',
          'Input',
          '8',
          'Right',
          'F1.0',
          'F1.0',
          '',
        ],
        [
          'reasons_safety',
          '9',
          'Причины отъезда: Безопасность',
          'Nominal',
          'Input',
          '8',
          'Right',
          'F1.0',
          'F1.0',
          '',
        ],
        [
          'reasons_war',
          '10',
          'Причины отъезда: Война',
          'Nominal',
          'Input',
          '8',
          'Right',
          'F1.0',
          'F1.0',
          '',
        ],
        ['Q1', '11', '', 'Scale', 'Input', '8', 'Right', 'F8.0', 'F8.0', ''],
        ['q1_2', '12', '', 'Scale', 'Input', '8', 'Right', 'F8.0', 'F8.0', ''],
      ]);
    });

    it('finds the value labels, user-missing codes marked', () => {
      // PSPP names each variable by its label and marks user-missing values with [a].
      expect(rows(out, 'Value Labels')).toEqual([
        ['Пол', '1', 'Мужчина'],
        ['', '2', 'Женщина'],
        ['', '98[a]', 'Отказ'],
        ['', '99[a]', 'Не знаю'],
        ['Удовлетворённость', '1', 'Совсем нет'],
        ['', '5', 'Полностью'],
        ['', '96[a]', 'Неприменимо'],
        ['', '97[a]', 'Не знаю'],
        ['', '98[a]', 'Отказ'],
        ['', '99[a]', 'Пропуск'],
        ['Причины отъезда: Деньги', '0', 'не выбрано'],
        ['', '1', 'выбрано'],
        ['Причины отъезда: Безопасность', '0', 'не выбрано'],
        ['', '1', 'выбрано'],
        ['Причины отъезда: Война', '0', 'не выбрано'],
        ['', '1', 'выбрано'],
      ]);
    });

    it('finds the multiple choice as a multiple dichotomy set counting 1', () => {
      expect(rows(out, 'Multiple Response Sets')).toEqual([
        [
          '$reasons',
          'Причины отъезда',
          'Dichotomies',
          '1',
          'reasons_money\nreasons_safety\nreasons_war',
        ],
      ]);
    });

    it('reads every value: numbers in full, system-missing, Cyrillic and very long text', () => {
      expect(cases[0]).toEqual([
        'id',
        'gender',
        'satisfaction',
        'household_income',
        'v_2022_moved',
        'город',
        'comment',
        'reasons_money',
        'reasons_safety',
        'reasons_war',
        'Q1',
        'q1_2',
      ]);
      const values = cases
        .slice(1)
        .map((r) => r.map((cell, j) => (j === 5 || j === 6 ? cell : numeric(cell))));
      expect(values).toEqual([
        [1, 1, 5, 1234.5, 152, 'Тбилиси', longText, 1, 0, 1, 1, 6],
        [2, 2, 1, -3.25, -100, 'Ереван', 'коротко', 0, 1, 0, 2, 5],
        [3, 99, 3, 1e6, 0.125, '', '', 0, 0, 0, 3, 4],
        [4, null, 96, 0, 1 / 3, 'Белград', 'short', null, null, null, 4, 3],
        [5, 2, 97, -99, 2022, 'Tbilisi', longText.slice(0, 200), 1, 1, 1, 5, 2],
        [6, 1, null, 151, null, '', 'x', 0, 0, 1, 6, 1],
      ]);
    });
  },
);

describe('PSPP reads strings at the edges of segments', () => {
  // Widths around 8 bytes, 255 bytes and the 252-byte step of very long strings, the spec's
  // 20,000-byte example, and Cyrillic letters whose two bytes straddle a segment boundary.
  const widths = [1, 8, 9, 255, 256, 504, 505, 20000];
  const text = (w: number): string =>
    Array.from({ length: w }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
  const cyrillic = 'ж'.repeat(200); // 400 bytes: the 128th letter is bytes 254 and 255

  it.each(['none', 'bytes'] as const)('compression %s', async (compression) => {
    const columns = new Map<string, Column>(
      widths.map((w) => [`s${w}`, textColumn([text(w), null, text(w).slice(0, 3)])]),
    );
    columns.set('zh', textColumn([cyrillic, 'ж', null]));
    columns.set('after', numberColumn(Float64Array.of(1, 2, 3)));
    const file = await writeSavFile(
      dir,
      `widths-${compression}.sav`,
      { n: 3, columns },
      {
        language: 'en',
        compression,
      },
    );
    const out = await read(file);
    expect(out.text).not.toMatch(/warning|error/i);
    expect(rows(out, 'Variables').map((r) => [r[0], r[7]])).toEqual([
      ...widths.map((w) => [`s${w}`, `A${w}`]),
      ['zh', 'A400'],
      ['after', 'F8.0'],
    ]);
    const cases = await psppConvert(dir, file);
    expect(cases.slice(1)).toEqual([
      [...widths.map(text), cyrillic, '1'],
      [...widths.map(() => ''), 'ж', '2'],
      [...widths.map((w) => text(w).slice(0, 3)), '', '3'],
    ]);
  });
});

describe('PSPP reads other files', () => {
  it('a dataset with no rows, and the weight variable', async () => {
    const columns = new Map<string, Column>([
      ['w', numberColumn(new Float64Array(0))],
      ['name', textColumn([])],
    ]);
    const file = await writeSavFile(
      dir,
      'empty.sav',
      { n: 0, columns },
      { language: 'en', weight: 'w' },
    );
    const out = await read(file);
    expect(out.text).not.toMatch(/warning|error/i);
    const info = Object.fromEntries(out.tables.get('File Information')!.map(([k, v]) => [k, v]));
    expect(info).toMatchObject({ Cases: '0', Weight: 'w' });
    expect(await psppConvert(dir, file)).toEqual([['w', 'name']]);
  });

  it('the labels in English, the creation time', async () => {
    const file = await writeSavFile(dir, 'en.sav', fixture(), {
      language: 'en',
      created: new Date(Date.UTC(2022, 8, 1, 12, 30, 0)),
    });
    const out = await read(file);
    const info = Object.fromEntries(out.tables.get('File Information')!.map(([k, v]) => [k, v]));
    expect(info.Created).toBe('01 Sep 22 12:30:00 by Longitude 0.1.0');
    expect(rows(out, 'Variables').map((r) => r[2])).toEqual([
      'Respondent',
      'Gender',
      'Satisfaction',
      'Household income',
      '',
      'City',
      'Comment',
      'Reasons for leaving: Money',
      'Reasons for leaving: Safety',
      'Reasons for leaving: The war',
      '',
      '',
    ]);
    expect(rows(out, 'Value Labels').slice(-2)).toEqual([
      ['Reasons for leaving: The war', '0', 'not chosen'],
      ['', '1', 'chosen'],
    ]);
    expect(rows(out, 'Multiple Response Sets')[0]!.slice(0, 2)).toEqual([
      '$reasons',
      'Reasons for leaving',
    ]);
  });
});
