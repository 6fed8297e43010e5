// One small form per feature of the import and per way it can fail, each written here as an
// XLSForm would have it and saved through exceljs as an .xlsx file.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkQuestionnaire } from '../../questionnaire/check.js';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import { readSource } from '../../questionnaire/source.js';
import { importXlsform, type ImportOptions } from './import-xlsform.js';
import { xlsform, type Cells } from './workbook.test-helper.js';

const yesNo: Cells = [
  ['list_name', 'name', 'label'],
  ['yn', 'yes', 'Yes'],
  ['yn', 'no', 'No'],
];
const english: Cells = [['default_language'], ['English (en)']];

async function run(sheets: Record<string, Cells>, options: Partial<ImportOptions> = {}) {
  const result = importXlsform(await xlsform({ settings: english, ...sheets }), {
    wave: 'w1',
    ...options,
  });
  const found = result.problems.map((p) => [p.sheet, p.row, p.column, p.kind, p.code]);
  const message = (code: string): string => result.problems.find((p) => p.code === code)!.message;
  if (!result.yaml) return { result, found, message, definition: undefined };
  // Whatever is written is what was built, and passes the questionnaire check.
  const definition = parse(result.yaml) as QuestionnaireDefinition;
  expect(definition).toEqual(result.definition);
  const languages = result.languages;
  expect(checkQuestionnaire(readSource('w1.yaml', result.yaml), languages).problems).toEqual([]);
  const items = definition.pages.flatMap((p) => p.items);
  return { result, found, message, definition, items };
}

describe('pages and sections', () => {
  it('puts each question outside groups on a page of its own', async () => {
    const { definition, found } = await run({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
        ['integer', 'b', 'B'],
        ['note', '', 'A note without a name'],
      ],
    });
    expect(found).toEqual([]);
    expect(definition!.pages.map((p) => [p.id, p.items.map((i) => i.name)])).toEqual([
      ['a', ['a']],
      ['b', ['b']],
      ['note_4', ['note_4']],
    ]);
  });

  it('makes a section of a top-level group of groups, joining relevance down to the pages', async () => {
    const { definition, found, message } = await run({
      survey: [
        ['type', 'name', 'label', 'relevant'],
        ['select_one yn', 'abroad', 'Abroad?'],
        ['begin group', 'life', 'Life abroad', "${abroad} = 'yes'"],
        ['integer', 'years', 'Years abroad'],
        ['begin group', 'work', 'Work', '${years} > 1'],
        ['text', 'job', 'Job'],
        ['end group'],
        ['begin group', 'deeper', 'Deeper'],
        ['begin group', 'home', 'Home'],
        ['text', 'city', 'City'],
        ['end group'],
        ['end group'],
        ['begin group', 'empty', 'Nothing'],
        ['calculate', 'c', '', ''],
        ['end group'],
        ['end group'],
      ],
      choices: yesNo,
    });
    expect(definition!.sections).toEqual([{ id: 'life', title: { en: 'Life abroad' } }]);
    expect(definition!.pages).toEqual([
      expect.objectContaining({ id: 'abroad' }),
      {
        id: 'years',
        section: 'life',
        relevant: "${abroad} = 'yes'",
        items: [{ name: 'years', type: 'integer', label: { en: 'Years abroad' } }],
      },
      {
        id: 'work',
        section: 'life',
        title: { en: 'Work' },
        relevant: "${abroad} = 'yes' and ${years} > 1",
        items: [{ name: 'job', type: 'text', label: { en: 'Job' } }],
      },
      {
        id: 'home',
        section: 'life',
        title: { en: 'Home' },
        relevant: "${abroad} = 'yes'",
        items: [{ name: 'city', type: 'text', label: { en: 'City' } }],
      },
    ]);
    expect(found).toEqual([
      ['survey', 8, 'label', 'note', 'nested-group'],
      ['survey', 13, 'type', 'note', 'empty-group'],
      ['survey', 14, 'type', 'not-imported', 'calculate'],
    ]);
    expect(message('nested-group')).toBe(
      "Group 'deeper' holds groups inside group 'life'; Longitude has pages in sections one level deep, so this group's label is not shown and its groups become pages of section 'life'.",
    );
  });

  it('reports groups that do not close, or close what is not open', async () => {
    const { result, found } = await run({
      survey: [
        ['type', 'name', 'label'],
        ['end group', '', ''],
        ['begin group', 'g', 'G'],
        ['text', 'a', 'A'],
        ['end repeat'],
        ['begin group', 'h', 'H'],
        ['text', 'b', 'B'],
      ],
    });
    expect(result.yaml).toBeUndefined();
    expect(found).toEqual([
      ['survey', 2, 'type', 'error', 'unbalanced-group'],
      ['survey', 5, 'type', 'error', 'unbalanced-group'],
      ['survey', 6, 'type', 'error', 'unbalanced-group'],
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "'end group' has no 'begin group' before it.",
      "'end repeat' closes the group 'g' of row 3; close it with 'end group'.",
      "The group 'h' of row 6 is never closed with 'end group'.",
    ]);
  });
});

describe('question types', () => {
  it('maps range to a rating, and reports a range that is not one', async () => {
    const { items, found, message } = await run({
      survey: [
        ['type', 'name', 'label', 'parameters'],
        ['range', 'trust', 'Trust', 'start=0 end=10 step=1'],
        ['range', 'default_range', 'Default'],
        ['range', 'half', 'Half steps', 'start=1;end=5;step=0.5'],
      ],
    });
    expect(items).toEqual([
      { name: 'trust', type: 'rating', min: 0, max: 10, label: { en: 'Trust' } },
      { name: 'default_range', type: 'rating', min: 1, max: 10, label: { en: 'Default' } },
    ]);
    expect(found).toEqual([['survey', 4, 'type', 'not-imported', 'range']]);
    expect(message('range')).toBe(
      "This range question is not imported: Longitude's rating scale has whole points one apart, and this range goes from 1 to 5 in steps of 0.5.",
    );
  });

  it('asks a month for month-year unless the date is checked or used in expressions', async () => {
    const { items, found } = await run({
      survey: [
        ['type', 'name', 'label', 'appearance', 'constraint', 'relevant'],
        ['date', 'arrived', 'Arrived', 'month-year'],
        ['date', 'left', 'Left', 'month-year', '. <= today()'],
        ['date', 'born', 'Born', 'month-year'],
        ['text', 'why', 'Why', 'multiline minimal', '', "${born} != ''"],
      ],
    });
    expect(items!.map((i) => [i.name, i.type, (i as { long?: boolean }).long])).toEqual([
      ['arrived', 'month', undefined],
      ['left', 'date', undefined],
      ['born', 'date', undefined],
      ['why', 'text', true],
    ]);
    expect(found).toEqual([
      ['survey', 3, 'appearance', 'note', 'appearance'],
      ['survey', 4, 'appearance', 'note', 'appearance'],
      ['survey', 5, 'appearance', 'note', 'appearance'],
    ]);
  });

  it('reports metadata, hidden rows and question types Longitude lacks', async () => {
    const { items, found, message } = await run({
      survey: [
        ['type', 'name', 'label'],
        ['start', 'start', ''],
        ['deviceid', 'device', ''],
        ['hidden', 'h', ''],
        ['time', 't', 'Time'],
        ['dateTime', 'dt', 'When'],
        ['barcode', 'bc', 'Scan'],
        ['audio', 'voice', 'Say it'],
        ['select_one_from_file cities.csv', 'city', 'City'],
        ['text', 'kept', 'Kept'],
      ],
    });
    expect(items!.map((i) => i.name)).toEqual(['kept']);
    expect(found).toEqual([
      ['survey', 2, 'type', 'note', 'metadata'],
      ['survey', 3, 'type', 'note', 'metadata'],
      ['survey', 4, 'type', 'not-imported', 'hidden'],
      ['survey', 5, 'type', 'not-imported', 'unsupported-type'],
      ['survey', 6, 'type', 'not-imported', 'unsupported-type'],
      ['survey', 7, 'type', 'not-imported', 'unsupported-type'],
      ['survey', 8, 'type', 'not-imported', 'unsupported-type'],
      ['survey', 9, 'type', 'not-imported', 'unsupported-type'],
    ]);
    expect(message('metadata')).toBe(
      'The start metadata is not imported: Longitude records when each page was shown and saved by itself.',
    );
  });

  it('stops on a type it does not know, suggesting the nearest', async () => {
    const { result } = await run({
      survey: [
        ['type', 'name', 'label'],
        ['selectone yn', 'a', 'A'],
      ],
    });
    expect(result.yaml).toBeUndefined();
    expect(result.problems).toEqual([
      {
        sheet: 'survey',
        row: 2,
        column: 'type',
        kind: 'error',
        code: 'unknown-type',
        message: "Unknown type 'selectone yn'; did you mean 'select_one'?",
      },
    ]);
  });
});

describe('required, relevant, constraint and their messages', () => {
  it('reads required as yes or no, and reports what is neither', async () => {
    const { items, found, message } = await run({
      survey: [
        ['type', 'name', 'label', 'required', 'required_message', 'constraint message'],
        ['text', 'a', 'A', 'yes', 'Please answer'],
        ['text', 'b', 'B', 'TRUE'],
        ['text', 'c', 'C', '1'],
        ['text', 'd', 'D', 'true()'],
        ['text', 'e', 'E', 'no', 'Never shown'],
        ['text', 'f', 'F', "${a} = 'x'"],
        ['text', 'g', 'G', '', '', 'No constraint to explain'],
      ],
    });
    expect(items!.map((i) => [i.name, (i as { required?: boolean }).required])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', undefined],
      ['f', undefined],
      ['g', undefined],
    ]);
    expect(items![0]).toMatchObject({ required_message: { en: 'Please answer' } });
    expect(found).toEqual([
      ['survey', 6, 'required_message', 'note', 'orphan-message'],
      ['survey', 7, 'required', 'not-imported', 'required'],
      ['survey', 8, 'constraint message', 'note', 'orphan-message'],
    ]);
    expect(message('required')).toBe(
      "required '${a} = 'x'' is not imported: Longitude's required is yes or no, so the question is not required.",
    );
  });

  it('translates expressions: numeric choice names, multiple choices compared with a text, renamed names', async () => {
    const { items, found } = await run({
      survey: [
        ['type', 'name', 'label', 'relevant', 'constraint'],
        ['select_one scale', 'q-1', 'Scale'],
        ['select_multiple langs', 'langs', 'Languages', '${q-1} != 99 and ${q-1} = 2'],
        ['text', 'only_ru', 'Only Russian?', "${langs} = 'ru'", 'string-length(.) <= 10'],
      ],
      choices: [
        ['list_name', 'name', 'label'],
        ['scale', '1', 'Low'],
        ['scale', '2', 'High'],
        ['scale', '99', 'Refused'],
        ['langs', 'ru', 'Russian'],
        ['langs', 'en', 'English'],
      ],
    });
    expect(found).toEqual([['survey', 2, 'name', 'note', 'renamed']]);
    expect(items).toEqual([
      { name: 'q_1', type: 'select_one', list: 'scale', label: { en: 'Scale' } },
      expect.objectContaining({ relevant: "${q_1} != '99' and ${q_1} = '2'" }),
      expect.objectContaining({
        relevant: "count-selected(${langs}) = 1 and selected(${langs}, 'ru')",
        constraint: 'string-length(.) <= 10',
      }),
    ]);
  });

  it('puts a calculation where expressions use it, and reports it otherwise', async () => {
    const { items, found, message } = await run({
      survey: [
        ['type', 'name', 'label', 'calculation', 'relevant'],
        ['integer', 'born', 'Born'],
        ['calculate', 'age', '', '2022 - ${born}'],
        ['calculate', 'label_of', '', 'jr:choice-name(${born}, "${born}")'],
        ['text', 'adult', 'Adult?', '', '${age} >= 18'],
        ['text', 'named', 'Named', '', "${label_of} != ''"],
      ],
    });
    expect(items!.map((i) => [i.name, i.relevant])).toEqual([
      ['born', undefined],
      ['adult', '2022 - ${born} >= 18'],
      ['named', undefined],
    ]);
    expect(found).toEqual([
      ['survey', 3, 'type', 'not-imported', 'calculate'],
      ['survey', 4, 'type', 'not-imported', 'calculate'],
      ['survey', 6, 'relevant', 'not-imported', 'reference'],
    ]);
    expect(message('reference')).toBe(
      "relevant is not imported: it refers to ${label_of}, whose calculation (row 4) uses jr:choice-name(), which Longitude's expressions do not have (they have selected(), count-selected(), today(), date(), string-length(), regex(), if(), coalesce(), not() and arithmetic); the question will be asked of everyone who reaches it.",
    );
  });

  it('reports the checker’s findings at the cell they come from, in rows', async () => {
    const { result } = await run({
      survey: [
        ['type', 'name', 'label', 'relevant'],
        ['integer', 'age', 'Age'],
        ['text', 'Age', 'Age again', '${later} > 1'],
        ['integer', 'later', 'Later'],
      ],
    });
    expect(result.yaml).toBeUndefined();
    expect(result.problems.map((p) => [p.row, p.column, p.code, p.message])).toEqual([
      [
        3,
        'name',
        'duplicate-name',
        "Duplicate name 'Age'; 'age' is already used at row 2. Names must be unique, ignoring case.",
      ],
      [
        3,
        'relevant',
        'later-reference',
        "In relevant: ${later} comes later (page 'later'); relevance may only use answers given before.",
      ],
    ]);
  });
});

describe('choices', () => {
  it('gives or_other its choice, copying a list that other questions use without it', async () => {
    const { definition, items, found } = await run({
      survey: [
        ['type', 'name', 'label::English (en)', 'label::Kazakh (kk)', 'label::Klingon (tlh)'],
        ['select_one job or_other', 'job', 'Job', 'Жұмыс', 'vum'],
        ['select_one job', 'job_before', 'Job before', 'Бұрынғы жұмыс', 'vum'],
      ],
      choices: [
        ['list_name', 'name', 'label::English (en)', 'label::Kazakh (kk)', 'label::Klingon (tlh)'],
        ['job', 'paid', 'Paid', 'Ақылы', 'DIlmeH'],
        ['job', '7', 'None', 'Жоқ', 'pagh'],
      ],
    });
    expect(definition!.choices).toEqual({
      job: [
        { name: 'paid', code: 1, label: { en: 'Paid', kk: 'Ақылы', tlh: 'DIlmeH' } },
        { name: '7', code: 7, label: { en: 'None', kk: 'Жоқ', tlh: 'pagh' } },
      ],
      job_or_other: [
        { name: 'paid', code: 1, label: { en: 'Paid', kk: 'Ақылы', tlh: 'DIlmeH' } },
        { name: '7', code: 7, label: { en: 'None', kk: 'Жоқ', tlh: 'pagh' } },
        { name: 'other', code: 8, label: { en: 'Other', kk: 'Басқа', tlh: 'Other' } },
      ],
    });
    expect(items!.map((i) => [i.name, (i as { list?: string }).list])).toEqual([
      ['job', 'job_or_other'],
      ['job_before', 'job'],
    ]);
    expect(found).toEqual([['survey', 2, 'type', 'note', 'or-other']]);
  });

  it('gives a question the choices a static choice_filter picks, and all choices otherwise', async () => {
    const { items, found, message } = await run({
      survey: [
        ['type', 'name', 'label', 'choice_filter'],
        ['select_one place', 'region', 'Region', "kind = 'region'"],
        ['select_one place or_other', 'city', 'City', "kind = 'city'"],
        ['select_one place', 'near', 'Near', 'region = ${region}'],
      ],
      choices: [
        ['list_name', 'name', 'label', 'kind', 'region'],
        ['place', 'adjara', 'Adjara', 'region', ''],
        ['place', 'batumi', 'Batumi', 'city', 'adjara'],
        ['place', 'kobuleti', 'Kobuleti', 'city', 'adjara'],
      ],
    });
    expect(items).toEqual([
      {
        name: 'region',
        type: 'select_one',
        choices: [{ name: 'adjara', code: 1, label: { en: 'Adjara' } }],
        label: { en: 'Region' },
      },
      {
        name: 'city',
        type: 'select_one',
        choices: [
          { name: 'batumi', code: 2, label: { en: 'Batumi' } },
          { name: 'kobuleti', code: 3, label: { en: 'Kobuleti' } },
          { name: 'other', code: 4, label: { en: 'Other' } },
        ],
        other: true,
        label: { en: 'City' },
      },
      { name: 'near', type: 'select_one', list: 'place', label: { en: 'Near' } },
    ]);
    expect(found).toEqual([
      ['survey', 3, 'type', 'note', 'or-other'],
      ['survey', 4, 'choice_filter', 'not-imported', 'choice-filter'],
    ]);
    expect(message('choice-filter')).toBe(
      "choice_filter is not imported: it depends on the answer to ${region}, and Longitude offers the same choices to everyone; all 3 choices of list 'place' are offered.",
    );
  });

  it('points at the choices sheet for a choice problem, and notes lists no question uses', async () => {
    const { result } = await run({
      survey: [
        ['type', 'name', 'label::English (en)', 'label::Russian (ru)'],
        ['select_one yn', 'q', 'Q', 'В'],
      ],
      choices: [
        ['list_name', 'name', 'label::English (en)', 'label::Russian (ru)', 'image'],
        ['yn', 'yes', 'Yes', 'Да', 'yes.png'],
        ['yn', 'no', 'No', ''],
        ['yn', 'yes', 'Yes again', 'Да'],
        ['unused', 'x', 'X', 'Х'],
      ],
    });
    expect(result.yaml).toBeUndefined();
    expect(result.problems.map((p) => [p.sheet, p.row, p.column, p.kind, p.code])).toEqual([
      ['choices', 2, 'image', 'not-imported', 'media'],
      ['choices', 3, 'label::Russian (ru)', 'error', 'translation'],
      ['choices', 4, 'name', 'error', 'duplicate-choice'],
      ['choices', 5, 'list_name', 'note', 'unused-list'],
    ]);
  });
});

describe('languages and columns', () => {
  it('reads plain columns in the default language and merges language names and tags', async () => {
    const { items, result, found } = await run({
      survey: [
        [
          'type',
          'name',
          'label',
          'label::English',
          'hint::en',
          'hint::ru',
          'constraint',
          'constraint message::Russian (ru)',
          'jr:constraintMsg::English (en)',
        ],
        [
          'integer',
          'age',
          'Возраст',
          'Age',
          'In years',
          'В годах',
          '. >= 18',
          'Не меньше 18',
          'At least 18',
        ],
      ],
      settings: [['default_language'], ['Russian']],
    });
    expect(found).toEqual([]);
    expect(result.languages).toEqual(['ru', 'en']);
    expect(items).toEqual([
      {
        name: 'age',
        type: 'integer',
        constraint: '. >= 18',
        constraint_message: { ru: 'Не меньше 18', en: 'At least 18' },
        label: { ru: 'Возраст', en: 'Age' },
        hint: { ru: 'В годах', en: 'In years' },
      },
    ]);
  });

  it('takes plain columns as English when the settings name no default language', async () => {
    const { items, found, message } = await run({
      settings: [['form_id'], ['f']],
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
    });
    expect(items).toEqual([{ name: 'a', type: 'text', label: { en: 'A' } }]);
    expect(found).toEqual([['settings', undefined, undefined, 'note', 'default-language']]);
    expect(message('default-language')).toBe(
      "There is no default_language in the settings, so texts in columns without a language (such as 'label') are taken to be English (en).",
    );
  });

  it('stops on a column whose language cannot be told', async () => {
    const { result } = await run({
      survey: [
        ['type', 'name', 'label::Elvish', 'label::English (en)'],
        ['text', 'a', 'Mae govannen', 'Hello'],
      ],
    });
    expect(result.yaml).toBeUndefined();
    expect(result.problems.map((p) => [p.row, p.column, p.kind, p.code])).toEqual([
      [1, 'label::Elvish', 'error', 'language'],
    ]);
  });

  it("keeps the study's languages only, and borrows an untranslated form_title with a note", async () => {
    const { definition, found } = await run(
      {
        settings: [
          ['form_title', 'default_language'],
          ['Wave 1', 'English (en)'],
        ],
        survey: [
          ['type', 'name', 'label::English (en)', 'label::Russian (ru)', 'label::German (de)'],
          ['text', 'a', 'A', 'А', 'Ä'],
        ],
      },
      { languages: ['en', 'ru'] },
    );
    expect(definition!.title).toEqual({ en: 'Wave 1', ru: 'Wave 1' });
    expect(definition!.pages[0]!.items[0]!.label).toEqual({ en: 'A', ru: 'А' });
    expect(found).toEqual([
      ['settings', 2, 'form_title', 'note', 'title'],
      ['survey', undefined, undefined, 'note', 'language'],
    ]);
  });

  it('reports what a row holds that Longitude has no place for', async () => {
    const { items, found, result } = await run({
      survey: [
        [
          'type',
          'name',
          'label',
          'guidance_hint',
          'default',
          'read_only',
          'audio',
          'appearance',
          'tag',
          '$kuid',
        ],
        [
          'text',
          'name',
          'Your name, ${who}?',
          'Ask politely',
          'Anna',
          'yes',
          'a.mp3',
          'minimal',
          'x',
          'k1',
        ],
        ['begin group', 'g', 'G', '', '', '', '', 'field-list table-list'],
        ['integer', 'n', 'N'],
        ['end group'],
      ],
    });
    expect(items!.map((i) => i.name)).toEqual(['name', 'n']);
    expect(found).toEqual([
      ['survey', 1, 'tag', 'note', 'unknown-column'],
      ['survey', 2, 'label', 'not-imported', 'piping'],
      ['survey', 2, 'appearance', 'note', 'appearance'],
      ['survey', 2, 'guidance_hint', 'note', 'guidance-hint'],
      ['survey', 2, 'default', 'not-imported', 'default'],
      ['survey', 2, 'read_only', 'note', 'ignored'],
      ['survey', 2, 'audio', 'not-imported', 'media'],
      ['survey', 3, 'appearance', 'note', 'appearance'],
    ]);
    expect(result.problems[1]!.message).toBe(
      'The text shows ${who} as written: Longitude does not put answers into texts.',
    );
  });

  it('needs a survey sheet with type and name columns, and reports sheets it does not read', async () => {
    const none = await run({ questions: [['type'], ['text']] });
    expect(none.result.problems).toEqual([
      expect.objectContaining({
        sheet: 'survey',
        kind: 'error',
        message: 'The workbook has no sheet named survey (its sheets: settings, questions).',
      }),
    ]);
    const noType = await run({
      survey: [
        ['kind', 'name'],
        ['text', 'a'],
      ],
    });
    expect(noType.found).toEqual([['survey', 1, undefined, 'error', 'columns']]);
    const extra = await run({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
      external_choices: [
        ['list_name', 'name'],
        ['x', 'y'],
      ],
      notes: [['anything'], ['here']],
    });
    expect(extra.found).toEqual([
      ['external_choices', undefined, undefined, 'not-imported', 'external-choices'],
      ['notes', undefined, undefined, 'note', 'sheet'],
    ]);
  });
});
