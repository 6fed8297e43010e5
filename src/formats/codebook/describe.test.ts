import { describe, expect, it } from 'vitest';
import { numberColumn, type Column } from '../../analysis/dataset.js';
import {
  changesNotInData,
  codebookLanguages,
  describedOf,
  entries,
  type GroupEntry,
  type VariableEntry,
} from './describe.js';
import { surveyCodebook, variables } from './survey.test-helper.js';

const byName = () =>
  new Map([...entries(describedOf(surveyCodebook()))].map((e) => [e.name, e] as const));

describe('codebook entries', () => {
  it("takes the title's languages first, then those of labels and questions", () => {
    expect(codebookLanguages(describedOf(surveyCodebook()))).toEqual(['ru', 'en']);
    expect(
      codebookLanguages(describedOf({ ...surveyCodebook(), study: { title: { en: 'T' } } })),
    ).toEqual(['en', 'ru']);
    expect(codebookLanguages(describedOf({ ...surveyCodebook(), languages: ['en'] }))).toEqual([
      'en',
    ]);
  });

  it("counts a choice's codes, declared missing codes and empty rows", () => {
    const gender = byName().get('gender') as VariableEntry;
    expect(gender.categories.map((c) => [c.code, c.count, c.missing])).toEqual([
      [1, 2, false],
      [2, 3, false],
      [3, 1, false],
      [99, 1, true],
    ]);
    expect([gender.valid, gender.declaredMissing, gender.empty]).toEqual([6, 1, 1]);
    expect(gender.summary).toBeUndefined();
  });

  it('summarises a number over its valid values as R does (mean, sd with n - 1)', () => {
    const age = byName().get('age') as VariableEntry;
    expect(age.categories).toEqual([]);
    // R 4: x <- c(34, 29, 41, 25, 52, 38, 30.5); mean(x) = 35.642857142857146, sd(x) = 9.0217989970325281
    expect(age.summary!.min).toBe(25);
    expect(age.summary!.max).toBe(52);
    expect(age.summary!.mean).toBeCloseTo(35.642857142857146, 12);
    expect(age.summary!.sd).toBeCloseTo(9.021798997032528, 12);
  });

  it("leaves declared missing codes out of a scale's summary and lists only its labels", () => {
    const columns = new Map<string, Column>([
      [
        'income',
        numberColumn(
          Float64Array.of(1000, 2500.5, -1, NaN),
          [{ code: -1, name: 'refused', label: { en: 'Refused' }, missing: true }],
          { measure: 'scale', kind: 'decimal' },
        ),
      ],
    ]);
    const [income] = [
      ...entries(describedOf({ study: { title: { en: 'T' } }, data: { n: 4, columns } })),
    ];
    expect(income).toMatchObject({
      categories: [{ code: -1, count: 1, missing: true }],
      valid: 2,
      declaredMissing: 1,
      empty: 1,
      summary: { min: 1000, max: 2500.5, mean: 1750.25 },
    });
    // R 4: sd(c(1000, 2500.5)) = 1061.0137251704145
    expect((income as VariableEntry).summary!.sd).toBeCloseTo(1061.0137251704145, 9);
  });

  it('lists every point of a rating with its count, the missing option last', () => {
    const trust = byName().get('trust_people') as VariableEntry;
    // 4, 5, dk, 3, (no answer), 4, 1, 4
    expect(trust.categories.map((c) => [c.code, c.count])).toEqual([
      [1, 1],
      [2, 0],
      [3, 1],
      [4, 3],
      [5, 1],
      [9, 1],
    ]);
    expect(trust.question).toEqual({
      stem: { ru: 'Насколько вы доверяете…', en: 'How much do you trust…' },
      text: { ru: 'людям', en: 'people' },
    });
    expect(trust.info.referencePeriod).toBe('now');
  });

  it('makes a multiple choice a group of 0/1 variables named as the data files name them', () => {
    const reasons = byName().get('reasons') as GroupEntry;
    expect(reasons.kind).toBe('group');
    expect(reasons.answered).toBe(5);
    expect(
      reasons.variables.map((v) => [v.name, v.categories.map((c) => c.count), v.empty]),
    ).toEqual([
      ['reasons_money', [3, 2], 3],
      ['reasons_safety', [2, 3], 3],
      ['reasons_other_2', [4, 1], 3],
    ]);
    expect(reasons.changes).toEqual(['options chosen by fewer than 5 grouped']);
    expect(reasons.variables[0]!.question).toEqual({
      text: { ru: 'Почему вы уехали?', en: 'Why did you leave?' },
    });
  });

  it("takes questions from the questionnaire's variables, none for a column without one", () => {
    const all = byName();
    expect(all.get('id')!.question).toBeUndefined();
    expect(all.get('gender')!.question).toEqual({
      text: variables.find((v) => v.name === 'gender')!.item.label,
      hint: { ru: 'Один ответ', en: 'One answer' },
    });
  });

  it('keeps the changes to variables no longer in the data apart', () => {
    expect(changesNotInData(describedOf(surveyCodebook()))).toEqual([
      { variable: 'contact', change: 'dropped: a contact identifies the respondent' },
    ]);
  });
});
