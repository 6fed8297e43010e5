import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkQuestionnaire } from '../../questionnaire/check.js';
import { parseExpression, printExpression } from '../../questionnaire/expression/index.js';
import type { Item, QuestionnaireDefinition } from '../../questionnaire/schema.js';
import { readSource } from '../../questionnaire/source.js';
import { exileForm } from './exile-form.test-helper.js';
import { importXlsform } from './import-xlsform.js';
import { xlsform } from './workbook.test-helper.js';

const example = parse(
  readFileSync(new URL('../../../examples/exile-panel/wave-1.yaml', import.meta.url), 'utf8'),
) as QuestionnaireDefinition;

/** An item as XLSForm can say it: without Longitude's own fields, expressions canonical. */
function comparable(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(item)) {
    if (['min', 'max', 'reference_period', 'same_as'].includes(field)) continue;
    out[field] =
      (field === 'relevant' || field === 'constraint') && typeof value === 'string'
        ? printExpression(parseExpression(value))
        : value;
  }
  return out;
}

describe('importing an XLSForm', () => {
  it("re-reads the example's first pages, written as an XLSForm, as the example has them", async () => {
    const result = importXlsform(await xlsform(exileForm), {
      wave: 'wave-1',
      form: 'wave-1.xlsx',
      out: 'wave-1.yaml',
    });
    expect(result.problems).toEqual([
      {
        sheet: 'settings',
        row: 2,
        column: 'version',
        kind: 'note',
        code: 'setting',
        message: 'The setting version (2022030101) has no use in Longitude and is ignored.',
      },
      {
        sheet: 'survey',
        row: 12,
        column: 'type',
        kind: 'note',
        code: 'or-other',
        message:
          "or_other adds the choice 'other' (code 9, 'Другое / Other') to list 'employment'.",
      },
    ]);
    expect(result.languages).toEqual(['ru', 'en']);
    expect(result.counts).toEqual({ pages: 4, items: 11, lists: 5 });
    const yaml = result.yaml!;
    expect(yaml.split('\n')[0]).toBe(
      "# Imported from wave-1.xlsx by 'longitude questionnaire import' (see docs/xlsform.md).",
    );
    // What is written is what was built, and it passes the questionnaire check.
    const written = parse(yaml) as QuestionnaireDefinition;
    expect(written).toEqual(result.definition);
    expect(checkQuestionnaire(readSource('wave-1.yaml', yaml), ['ru', 'en']).problems).toEqual([]);

    expect(written.wave).toBe('wave-1');
    expect(written.title).toEqual(example.title);
    expect(written.sections).toEqual([example.sections![0]]);
    expect(
      written.pages.map((p) => [p.id, p.section ?? null, p.title?.en ?? null, p.items.length]),
    ).toEqual([
      ['start', 'screening', null, 3],
      ['economy', null, 'Work and income', 5],
      ['about', null, 'About you', 2],
      ['comments', null, null, 1],
    ]);

    // The start page is the example's, but for `min`, which XLSForm has no column for.
    const start = example.pages.find((p) => p.id === 'start')!;
    expect(written.pages[0]!.items.map(comparable)).toEqual(start.items.map(comparable));
    // or_other added the choice the example's list has, with the same code and labels.
    expect(written.choices!.employment).toEqual(example.choices!.employment);
    expect(written.choices!.migration_status).toEqual(example.choices!.migration_status);

    const exampleItem = (name: string): Item =>
      example.pages.flatMap((p) => p.items).find((i) => i.name === name)!;
    const [incomeBefore, incomeNow, employment, workHours, civic] = written.pages[1]!.items;
    expect(incomeBefore).toEqual(comparable(exampleItem('income_before')));
    expect(incomeNow).toEqual(comparable(exampleItem('income_now')));
    expect(employment).toEqual({ ...exampleItem('employment'), other: true });
    expect(workHours).toEqual({
      ...comparable(exampleItem('work_hours')),
      constraint: '. >= 0 and . <= 100',
      constraint_message: { ru: 'От 0 до 100 часов.', en: 'From 0 to 100 hours.' },
    });
    expect(civic).toEqual({
      name: 'civic',
      type: 'select_multiple',
      list: 'civic',
      required: true,
      constraint: "not(selected(., 'none') and count-selected(.) > 1)",
      constraint_message: {
        ru: '«Ничего из этого» нельзя сочетать с другими ответами.',
        en: "'None of these' cannot be combined with other answers.",
      },
      label: {
        ru: 'Что из этого вы делали за последний месяц?',
        en: 'Which of these have you done in the last month?',
      },
      hint: { ru: 'Отметьте всё подходящее.', en: 'Select all that apply.' },
    });
    expect(written.choices!.civic!.map((c) => [c.name, c.code])).toEqual([
      ['donate_ru', 1],
      ['help_emigrants', 2],
      ['volunteer', 3],
      ['none', 4],
    ]);
    expect(written.pages[2]!.items.map(comparable)).toEqual(
      ['gender', 'birth_year'].map((n) => comparable(exampleItem(n))),
    );
    // XLSForm has no column for max_length.
    const { max_length: _, ...comments } = exampleItem('comments') as Item & {
      max_length?: number;
    };
    expect(written.pages[3]!.items).toEqual([comments]);
  });

  it('reports a repeat, an image, a geopoint and an unknown function with sheet, row and column, and writes the rest', async () => {
    const form = await xlsform({
      survey: [
        ['type', 'name', 'label', 'image', 'relevant', 'constraint'],
        ['integer', 'age', 'How old are you?'],
        ['begin repeat', 'children', 'Your children'],
        ['text', 'child_name', 'Name'],
        ['integer', 'child_age', 'Age'],
        ['end repeat'],
        ['geopoint', 'location', 'Where are you?'],
        ['text', 'city', 'Which city?', 'city.png'],
        ['integer', 'income', 'Monthly income', null, '${age} >= 18', '. < pow(10, 6)'],
        ['note', 'bye', 'Thank you', null, "${location} != ''"],
      ],
      settings: [['default_language'], ['English (en)']],
    });
    const result = importXlsform(form, { wave: 'w1' });
    expect(result.problems.map((p) => [p.sheet, p.row, p.column, p.kind, p.code])).toEqual([
      ['survey', 3, 'type', 'not-imported', 'repeat'],
      ['survey', 7, 'type', 'not-imported', 'unsupported-type'],
      ['survey', 8, 'image', 'not-imported', 'media'],
      ['survey', 9, 'constraint', 'not-imported', 'unsupported-function'],
      ['survey', 10, 'relevant', 'not-imported', 'reference'],
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "Repeat 'children' is not imported: Longitude asks each question once per respondent, so the 2 rows inside it (rows 4–5) are left out.",
      'This geopoint question is not imported: Longitude collects no locations: a precise location could identify a respondent.',
      'The image (city.png) is not imported: Longitude shows no images, audio or video.',
      "constraint is not imported: it uses pow(), which Longitude's expressions do not have (they have selected(), count-selected(), today(), date(), string-length(), regex(), if(), coalesce(), not() and arithmetic); answers are accepted without this check.",
      'relevant is not imported: it refers to ${location}, which is a geopoint question (row 7) that is not imported; the question will be asked of everyone who reaches it.',
    ]);
    const written = parse(result.yaml!) as QuestionnaireDefinition;
    expect(written.pages.flatMap((p) => p.items)).toEqual([
      { name: 'age', type: 'integer', label: { en: 'How old are you?' } },
      { name: 'city', type: 'text', label: { en: 'Which city?' } },
      {
        name: 'income',
        type: 'integer',
        relevant: '${age} >= 18',
        label: { en: 'Monthly income' },
      },
      { name: 'bye', type: 'note', label: { en: 'Thank you' } },
    ]);
    expect(checkQuestionnaire(readSource('w1.yaml', result.yaml!), ['en']).problems).toEqual([]);
  });
});
