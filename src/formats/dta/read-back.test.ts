// The .dta files read back by an independent reader, R's haven (ReadStat), and compared with
// the source. Where R or haven is missing the tests fail in CI (CI installs r-cran-haven) and
// are reported as skipped, with the reason, elsewhere.
import { describe, expect, it, type TestContext } from 'vitest';
import { numberColumn, textColumn, type Column, type Dataset } from '../../analysis/dataset.js';
import { havenMissing, readWithHaven, type HavenDataset } from './haven.test-helper.js';
import { longComment, surveyDataset, tooWide, trustLabel, widest } from './survey.test-helper.js';
import { writeDta } from './write-dta.js';

const missing = havenMissing();

function needHaven(ctx: TestContext): void {
  if (!missing) return;
  if (process.env.CI) throw new Error(missing);
  console.warn(`${ctx.task.name}: skipped. ${missing}`);
  ctx.skip();
}

const timestamp = new Date('2022-03-24T09:05:00Z');

function variable(d: HavenDataset, name: string) {
  const v = d.byName.get(name);
  if (!v) throw new Error(`haven read no variable ${name}; it read ${[...d.byName.keys()]}`);
  return v;
}

describe('writeDta read back by haven', () => {
  it('keeps values, missing values, labels and Cyrillic text (ru)', async (ctx) => {
    needHaven(ctx);
    const d = await readWithHaven(
      writeDta(surveyDataset(), {
        language: 'ru',
        datasetLabel: 'Шесть месяцев в эмиграции: волна 1',
        timestamp,
      }),
    );
    console.info(`read back with haven ${d.haven}`);
    expect(d.rows).toBe(6);
    expect(d.label).toBe('Шесть месяцев в эмиграции: волна 1');
    expect(d.variables.map((v) => v.name)).toEqual([
      'id',
      'gender',
      'trust',
      'trust_w2',
      'income',
      'count',
      'population',
      'city',
      'comment',
      'note',
      'reasons_money',
      'reasons_war',
      'reasons_family_reunion',
    ]);

    expect(variable(d, 'id').values).toEqual([1, 2, 3, 4, 5, 6]);
    expect(variable(d, 'id').label).toBeNull();

    const gender = variable(d, 'gender');
    expect(gender.label).toBe('Пол');
    expect(gender.values).toEqual([1, 2, 2, null, null, 3]);
    // -1 ("don't know", a declared missing code) is .a; NaN is the system missing value.
    expect(gender.tags).toEqual([null, null, null, 'a', null, null]);
    expect(gender.labels).toEqual([
      { value: 1, tag: null, label: 'Женщина' },
      { value: 2, tag: null, label: 'Мужчина' },
      { value: 3, tag: null, label: 'Другое' },
      { value: null, tag: 'a', label: 'Затрудняюсь ответить' },
    ]);

    const trust = variable(d, 'trust');
    // 106 characters cut to Stata's 80, after a whole character.
    expect(trust.label).toBe([...trustLabel].slice(0, 80).join(''));
    expect(trust.values).toEqual([5, 1, null, null, 3, null]);
    expect(trust.tags).toEqual([null, null, 'a', 'b', null, null]);
    const trustLabels = [
      { value: 1, tag: null, label: 'Совсем не доверяю' },
      { value: 5, tag: null, label: 'Полностью доверяю' },
      { value: null, tag: 'a', label: 'Не знаю' },
      { value: null, tag: 'b', label: 'Отказ от ответа' },
    ];
    expect(trust.labels).toEqual(trustLabels);
    const trust2 = variable(d, 'trust_w2');
    expect(trust2.label).toBe('Доверие (волна 2)');
    expect(trust2.values).toEqual([4, 4, 4, null, null, 2]);
    expect(trust2.tags).toEqual([null, null, null, null, 'a', null]);
    expect(trust2.labels).toEqual(trustLabels);

    expect(variable(d, 'income').values).toEqual([1234.5, -20.25, 1e9, null, 0.1, 3e15]);
    expect(variable(d, 'income').tags).toEqual([null, null, null, null, null, null]);
    expect(variable(d, 'count').values).toEqual([0, 100, -127, 32740, -32767, null]);
    expect(variable(d, 'population').values).toEqual([2147483620, -2147483647, 0, 1, 2, null]);

    const city = variable(d, 'city');
    expect(city.type).toBe('text');
    expect(city.values).toEqual(['Москва', 'Тбилиси', '', 'Ереван', 'Москва', 'Istanbul']);

    const comment = variable(d, 'comment');
    expect(comment.format).toBe('%9s');
    expect(comment.values).toEqual([longComment, '', 'коротко', '', longComment, tooWide]);
    expect(Buffer.byteLength(comment.values[0] as string)).toBe(4600);

    const note = variable(d, 'note');
    expect(note.format).toBe('%2045s');
    expect(note.values).toEqual([widest, 'ok', '', 'ok', '', 'ё']);

    expect(variable(d, 'reasons_money').label).toBe('Причины отъезда: Деньги');
    expect(variable(d, 'reasons_money').values).toEqual([1, 0, 0, null, 1, 0]);
    expect(variable(d, 'reasons_war').values).toEqual([0, 1, 0, null, 1, 0]);
    expect(variable(d, 'reasons_family_reunion').label).toBe(
      'Причины отъезда: Воссоединение семьи',
    );
    expect(variable(d, 'reasons_family_reunion').values).toEqual([0, 1, 0, null, 1, 1]);
    expect(variable(d, 'reasons_war').tags).toEqual([null, null, null, null, null, null]);
  });

  it('takes labels in the language asked for, and choice names where a label lacks it', async (ctx) => {
    needHaven(ctx);
    const d = await readWithHaven(writeDta(surveyDataset(), { language: 'en' }));
    expect(d.label).toBeNull();
    expect(variable(d, 'gender').label).toBe('Gender');
    expect(variable(d, 'gender').labels.map((l) => l.label)).toEqual([
      'Female',
      'Male',
      'Other',
      "Don't know",
    ]);
    expect(variable(d, 'trust_w2').label).toBeNull();
    // The item label has no English; the option's label is used alone.
    expect(variable(d, 'reasons_war').label).toBe('The war');
    expect(variable(d, 'reasons_family_reunion').label).toBe('family-reunion');
  });

  it('streams 50,000 rows that haven reads back exactly', async (ctx) => {
    needHaven(ctx);
    const n = 50_000;
    const shared = 'Общий длинный ответ. '.repeat(120);
    const cities = ['Москва', 'Тбилиси', 'Ереван', 'Астана', 'Белград'];
    const x = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i * 0.5 - 1000));
    const code = Float64Array.from({ length: n }, (_, i) => (i % 10 === 9 ? 99 : (i % 3) + 1));
    const city = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : cities[i % 5]!));
    const story = Array.from({ length: n }, (_, i) =>
      i % 1000 === 0 ? `${i}: ${shared}` : i % 3 === 0 ? shared : null,
    );
    const answered = Uint8Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : 1));
    const chosen = Uint8Array.from({ length: n * 2 }, (_, j) => ((j * 7) % 5 < 2 ? 1 : 0));
    const columns = new Map<string, Column>([
      ['row', numberColumn(Float64Array.from({ length: n }, (_, i) => i + 1))],
      ['x', numberColumn(x)],
      [
        'code',
        numberColumn(code, [
          { code: 1, label: { ru: 'один' } },
          { code: 2, label: { ru: 'два' } },
          { code: 3, label: { ru: 'три' } },
          { code: 99, label: { ru: 'нет ответа' }, missing: true },
        ]),
      ],
      ['city', textColumn(city)],
      ['story', textColumn(story)],
      [
        'pick',
        {
          type: 'multiple',
          options: [
            { code: 1, name: 'a' },
            { code: 2, name: 'b' },
          ],
          chosen,
          answered,
          info: { measure: 'nominal' },
        },
      ],
    ]);
    const data: Dataset = { n, columns };
    const d = await readWithHaven(writeDta(data, { language: 'ru' }));
    expect(d.rows).toBe(n);
    const at = (i: number) => ({
      row: i + 1,
      x: Number.isNaN(x[i]!) ? null : x[i],
      code: code[i] === 99 ? null : code[i],
      codeTag: code[i] === 99 ? 'a' : null,
      city: city[i] ?? '',
      story: story[i] ?? '',
      pick_a: answered[i] ? chosen[2 * i] : null,
      pick_b: answered[i] ? chosen[2 * i + 1] : null,
    });
    const read = (i: number) => ({
      row: variable(d, 'row').values[i],
      x: variable(d, 'x').values[i],
      code: variable(d, 'code').values[i],
      codeTag: variable(d, 'code').tags[i],
      city: variable(d, 'city').values[i],
      story: variable(d, 'story').values[i],
      pick_a: variable(d, 'pick_a').values[i],
      pick_b: variable(d, 'pick_b').values[i],
    });
    for (let i = 0; i < n; i++) if (i % 997 === 0 || i > n - 5) expect(read(i)).toEqual(at(i));
    // Every row, compared without building 50,000 diffs.
    let differing = 0;
    for (let i = 0; i < n; i++)
      if (JSON.stringify(read(i)) !== JSON.stringify(at(i))) differing += 1;
    expect(differing).toBe(0);
  });
});
