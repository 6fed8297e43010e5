/**
 * A small dataset with everything the .sav writer handles: labelled codes with declared missing
 * values (three, and four as a range), decimals and whole numbers in and out of the compressible
 * range, Cyrillic names, labels and text, a text over 255 bytes, a multiple choice, names that
 * need mapping, and names that differ only in case.
 */
import {
  numberColumn,
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
} from '../../analysis/dataset.js';

export const longText = `${'Очень длинный ответ. '.repeat(30)}конец`;

/** Six rows. */
export function fixture(): Dataset {
  const columns = new Map<string, Column>();
  columns.set(
    'id',
    numberColumn(Float64Array.from([1, 2, 3, 4, 5, 6]), [], {
      label: { en: 'Respondent', ru: 'Респондент' },
      measure: 'nominal',
    }),
  );
  columns.set(
    'gender',
    numberColumn(
      Float64Array.from([1, 2, 99, NaN, 2, 1]),
      [
        { code: 1, name: 'male', label: { en: 'Man', ru: 'Мужчина' } },
        { code: 2, name: 'female', label: { en: 'Woman', ru: 'Женщина' } },
        { code: 98, name: 'refused', label: { en: 'Refused', ru: 'Отказ' }, missing: true },
        { code: 99, name: 'dk', label: { en: "Don't know", ru: 'Не знаю' }, missing: true },
      ],
      { label: { en: 'Gender', ru: 'Пол' }, measure: 'nominal', kind: 'select_one' },
    ),
  );
  columns.set(
    'satisfaction',
    numberColumn(
      Float64Array.from([5, 1, 3, 96, 97, NaN]),
      [
        { code: 1, label: { en: 'Not at all', ru: 'Совсем нет' } },
        { code: 5, label: { en: 'Completely', ru: 'Полностью' } },
        { code: 96, name: 'na', label: { en: 'Not applicable', ru: 'Неприменимо' }, missing: true },
        { code: 97, name: 'dk', label: { en: "Don't know", ru: 'Не знаю' }, missing: true },
        { code: 98, name: 'refused', label: { en: 'Refused', ru: 'Отказ' }, missing: true },
        { code: 99, name: 'skip', label: { en: 'Skipped', ru: 'Пропуск' }, missing: true },
      ],
      { label: { en: 'Satisfaction', ru: 'Удовлетворённость' }, measure: 'ordinal' },
    ),
  );
  columns.set(
    'household income',
    numberColumn(Float64Array.from([1234.5, -3.25, 1e6, 0, -99, 151]), [], {
      label: { en: 'Household income', ru: 'Доход семьи' },
      measure: 'scale',
    }),
  );
  columns.set(
    '2022 moved',
    numberColumn(Float64Array.from([152, -100, 0.125, 1 / 3, 2022, NaN]), [], {
      measure: 'scale',
    }),
  );
  columns.set(
    'город',
    textColumn(['Тбилиси', 'Ереван', null, 'Белград', 'Tbilisi', ''], {
      label: { en: 'City', ru: 'Город' },
      measure: 'nominal',
    }),
  );
  columns.set(
    'comment',
    textColumn([longText, 'коротко', null, 'short', longText.slice(0, 200), 'x'], {
      label: { en: 'Comment', ru: 'Комментарий' },
      measure: 'nominal',
    }),
  );
  columns.set('reasons', reasons());
  columns.set('Q1', numberColumn(Float64Array.from([1, 2, 3, 4, 5, 6]), [], { measure: 'scale' }));
  columns.set('q1', numberColumn(Float64Array.from([6, 5, 4, 3, 2, 1]), [], { measure: 'scale' }));
  return { n: 6, columns };
}

function reasons(): MultipleColumn {
  const options = [
    { code: 1, name: 'money', label: { en: 'Money', ru: 'Деньги' } },
    { code: 2, name: 'safety', label: { en: 'Safety', ru: 'Безопасность' } },
    { code: 3, name: 'war', label: { en: 'The war', ru: 'Война' } },
  ];
  // Rows 1..6: money+war, safety, nothing chosen, not answered, all three, war.
  const rows = [[1, 0, 1], [0, 1, 0], [0, 0, 0], null, [1, 1, 1], [0, 0, 1]];
  const chosen = new Uint8Array(rows.length * 3);
  const answered = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    if (!r) return;
    answered[i] = 1;
    chosen.set(r, i * 3);
  });
  return {
    type: 'multiple',
    options,
    chosen,
    answered,
    info: { label: { en: 'Reasons for leaving', ru: 'Причины отъезда' }, measure: 'nominal' },
  };
}
