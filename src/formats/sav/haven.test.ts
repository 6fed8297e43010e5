// Files written by writeSav, read back by R's haven (checked with haven 2.5.1): read_sav with
// user-missing values kept (user_na = TRUE) and turned into NA (the default). Expected values are
// written out from the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberColumn, textColumn, type Column } from '../../analysis/dataset.js';
import { fixture, longText } from './fixture.test-helper.js';
import {
  readWithHaven,
  workFolder,
  writeSavFile,
  type HavenOutput,
  type HavenVariable,
} from './readers.test-helper.js';

let dir = '';
let done = async (): Promise<void> => {};
beforeAll(async () => {
  ({ dir, done } = await workFolder());
});
afterAll(() => done());

const plain = { labels: null, naValues: null, naRange: null };
const chosen = { 'не выбрано': 0, выбрано: 1 };

/** What haven should give, user-missing values kept as values. */
const expected: HavenVariable[] = [
  { name: 'id', label: 'Респондент', format: 'F8.0', ...plain, values: [1, 2, 3, 4, 5, 6] },
  {
    name: 'gender',
    label: 'Пол',
    format: 'F8.0',
    labels: { Мужчина: 1, Женщина: 2, Отказ: 98, 'Не знаю': 99 },
    naValues: [98, 99],
    naRange: null,
    values: [1, 2, 99, null, 2, 1],
  },
  {
    name: 'satisfaction',
    label: 'Удовлетворённость',
    format: 'F8.0',
    labels: {
      'Совсем нет': 1,
      Полностью: 5,
      Неприменимо: 96,
      'Не знаю': 97,
      Отказ: 98,
      Пропуск: 99,
    },
    naValues: null,
    naRange: [96, 99],
    values: [5, 1, 3, 96, 97, null],
  },
  {
    name: 'household_income',
    label: 'Доход семьи',
    format: 'F10.2',
    ...plain,
    values: [1234.5, -3.25, 1e6, 0, -99, 151],
  },
  {
    name: 'v_2022_moved',
    label: null,
    format: 'F9.4',
    ...plain,
    values: [152, -100, 0.125, 1 / 3, 2022, null],
  },
  {
    name: 'город',
    label: 'Город',
    format: 'A14',
    ...plain,
    values: ['Тбилиси', 'Ереван', '', 'Белград', 'Tbilisi', ''],
  },
  {
    name: 'comment',
    label: 'Комментарий',
    format: 'A1150',
    ...plain,
    values: [longText, 'коротко', '', 'short', longText.slice(0, 200), 'x'],
  },
  {
    name: 'reasons_money',
    label: 'Причины отъезда: Деньги',
    format: 'F1.0',
    ...plain,
    labels: chosen,
    values: [1, 0, 0, null, 1, 0],
  },
  {
    name: 'reasons_safety',
    label: 'Причины отъезда: Безопасность',
    format: 'F1.0',
    ...plain,
    labels: chosen,
    values: [0, 1, 0, null, 1, 0],
  },
  {
    name: 'reasons_war',
    label: 'Причины отъезда: Война',
    format: 'F1.0',
    ...plain,
    labels: chosen,
    values: [1, 0, 0, null, 1, 1],
  },
  { name: 'Q1', label: null, format: 'F8.0', ...plain, values: [1, 2, 3, 4, 5, 6] },
  { name: 'q1_2', label: null, format: 'F8.0', ...plain, values: [6, 5, 4, 3, 2, 1] },
];

describe.each(['none', 'bytes'] as const)(
  'haven reads a .sav file (compression %s)',
  (compression) => {
    let kept: HavenOutput;
    let dropped: HavenOutput;
    beforeAll(async () => {
      const file = await writeSavFile(dir, `fixture-${compression}.sav`, fixture(), {
        language: 'ru',
        compression,
        fileLabel: 'Волна 1',
      });
      kept = await readWithHaven(dir, file, true);
      dropped = await readWithHaven(dir, file, false);
    });

    it('finds names, variable labels, value labels, user-missing values and every value', () => {
      expect(kept.fileLabel).toBe('Волна 1');
      expect(kept.variables).toEqual(expected);
    });

    it('turns user-missing values into NA unless asked to keep them', () => {
      const values = Object.fromEntries(dropped.variables.map((v) => [v.name, v.values]));
      expect(values.gender).toEqual([1, 2, null, null, 2, 1]);
      expect(values.satisfaction).toEqual([5, 1, 3, null, null, null]);
      expect(dropped.variables.find((v) => v.name === 'gender')!.labels).toEqual(
        expected[1]!.labels,
      );
    });
  },
);

describe('haven reads strings at the edges of segments', () => {
  const widths = [8, 9, 255, 256, 504, 505, 20000];
  const text = (w: number): string =>
    Array.from({ length: w }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
  const cyrillic = 'ж'.repeat(200);

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
    const out = await readWithHaven(dir, file, true);
    expect(out.variables.map((v) => [v.name, v.format, v.values])).toEqual([
      ...widths.map((w) => [`s${w}`, `A${w}`, [text(w), '', text(w).slice(0, 3)]]),
      ['zh', 'A400', [cyrillic, 'ж', '']],
      ['after', 'F8.0', [1, 2, 3]],
    ]);
  });
});
