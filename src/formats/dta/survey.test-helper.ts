/** A small survey dataset for the .dta tests: every kind of column, Cyrillic labels and text. */
import {
  numberColumn,
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
  type ValueLabel,
} from '../../analysis/dataset.js';

/** 4,600 bytes of UTF-8 in 2,800 characters: a strL however its length is counted. */
export const longComment = 'Долгий путь. '.repeat(200);
/** 2,045 bytes exactly: the widest str#. */
export const widest = `${'я'.repeat(1022)}a`;
/** 2,046 bytes: one byte too wide for a str#. */
export const tooWide = 'x'.repeat(2046);
export const trustLabel =
  'Насколько вы доверяете сведениям о событиях в России, которые получаете из социальных сетей и от знакомых?';

const gender: ValueLabel[] = [
  { code: 1, name: 'female', label: { ru: 'Женщина', en: 'Female' } },
  { code: 2, name: 'male', label: { ru: 'Мужчина', en: 'Male' } },
  { code: 3, name: 'other', label: { ru: 'Другое', en: 'Other' } },
  { code: -1, name: 'dk', label: { ru: 'Затрудняюсь ответить', en: "Don't know" }, missing: true },
];

const trust: ValueLabel[] = [
  { code: 1, label: { ru: 'Совсем не доверяю', en: 'Not at all' } },
  { code: 5, label: { ru: 'Полностью доверяю', en: 'Completely' } },
  { code: 8, name: 'dk', label: { ru: 'Не знаю', en: "Don't know" }, missing: true },
  { code: 9, name: 'refused', label: { ru: 'Отказ от ответа', en: 'Refused' }, missing: true },
];

const reasons: MultipleColumn = {
  type: 'multiple',
  options: [
    { code: 1, name: 'money', label: { ru: 'Деньги', en: 'Money' } },
    { code: 2, name: 'war', label: { ru: 'Война', en: 'The war' } },
    { code: 3, name: 'family-reunion', label: { ru: 'Воссоединение семьи' } },
  ],
  // Row-major, three options per row; row 4 did not answer.
  chosen: Uint8Array.from([1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1]),
  answered: Uint8Array.from([1, 1, 1, 0, 1, 1]),
  info: { measure: 'nominal', kind: 'select_multiple', label: { ru: 'Причины отъезда' } },
};

export function surveyDataset(): Dataset {
  const columns = new Map<string, Column>([
    ['id', numberColumn(Float64Array.from([1, 2, 3, 4, 5, 6]))],
    [
      'gender',
      numberColumn(Float64Array.from([1, 2, 2, -1, NaN, 3]), gender, {
        measure: 'nominal',
        label: { ru: 'Пол', en: 'Gender' },
      }),
    ],
    [
      'trust',
      numberColumn(Float64Array.from([5, 1, 8, 9, 3, NaN]), trust, {
        measure: 'ordinal',
        label: { ru: trustLabel, en: 'Trust in news from social media and acquaintances' },
      }),
    ],
    [
      'trust_w2',
      numberColumn(Float64Array.from([4, 4, 4, NaN, 8, 2]), trust, {
        measure: 'ordinal',
        label: { ru: 'Доверие (волна 2)' },
      }),
    ],
    ['income', numberColumn(Float64Array.from([1234.5, -20.25, 1e9, NaN, 0.1, 3e15]))],
    ['count', numberColumn(Float64Array.from([0, 100, -127, 32740, -32767, NaN]))],
    ['population', numberColumn(Float64Array.from([2147483620, -2147483647, 0, 1, 2, NaN]))],
    ['city', textColumn(['Москва', 'Тбилиси', null, 'Ереван', 'Москва', 'Istanbul'])],
    ['comment', textColumn([longComment, null, 'коротко', '', longComment, tooWide])],
    ['note', textColumn([widest, 'ok', null, 'ok', '', 'ё'])],
    ['reasons', reasons],
  ]);
  return { n: 6, columns };
}
