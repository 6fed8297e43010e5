/**
 * A small wave built the way an export builds it: a questionnaire definition, its variables
 * (`variablesOf`), and a column per variable from stored answers (`answerColumn`), with an `id`
 * column no questionnaire declares. It has a choice with a declared missing code, a number, a
 * multiple choice with an "other" text, a rating grid with a declared missing option, free text,
 * Cyrillic everywhere, and labels holding < & " to escape.
 */
import { answerColumn } from '../../analysis/answer-columns.js';
import { numberColumn, type Column, type Dataset } from '../../analysis/dataset.js';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import { variablesOf, type Variable } from '../../questionnaire/variables.js';
import type { Codebook, StudyCitation } from './codebook.js';

export const definition: QuestionnaireDefinition = {
  wave: 'wave-1',
  pages: [
    {
      id: 'about',
      items: [
        { name: 'intro', type: 'note', label: { ru: 'Начнём', en: "Let's start" } },
        {
          name: 'gender',
          type: 'select_one',
          label: { ru: 'Ваш пол', en: 'Your gender <as "you" see it> & more' },
          hint: { ru: 'Один ответ', en: 'One answer' },
          choices: [
            { name: 'male', code: 1, label: { ru: 'Мужской', en: 'Male' } },
            { name: 'female', code: 2, label: { ru: 'Женский', en: 'Female' } },
            { name: 'other', code: 3, label: { ru: 'Другой', en: 'Other' } },
            {
              name: 'dk',
              code: 99,
              label: { ru: 'Не скажу', en: 'Rather not <say> & "skip"' },
              missing: true,
            },
          ],
        },
        {
          name: 'age',
          type: 'integer',
          label: { ru: 'Сколько вам лет?', en: 'How old are you?' },
        },
        {
          name: 'reasons',
          type: 'select_multiple',
          label: { ru: 'Почему вы уехали?', en: 'Why did you leave?' },
          other: true,
          choices: [
            { name: 'money', code: 1, label: { ru: 'Деньги', en: 'Money' } },
            { name: 'safety', code: 2, label: { ru: 'Безопасность', en: 'Safety' } },
            { name: 'other', code: 3, label: { ru: 'Другое', en: 'Other' } },
          ],
        },
      ],
    },
    {
      id: 'trust',
      items: [
        {
          name: 'trust',
          type: 'grid',
          row_type: 'rating',
          reference_period: 'now',
          label: { ru: 'Насколько вы доверяете…', en: 'How much do you trust…' },
          min: 1,
          max: 5,
          min_label: { ru: 'Совсем не доверяю', en: 'Not at all' },
          max_label: { ru: 'Полностью доверяю', en: 'Completely' },
          missing: [
            { name: 'dk', code: 9, label: { ru: 'Затрудняюсь', en: "Don't know" }, missing: true },
          ],
          rows: [
            { name: 'trust_people', label: { ru: 'людям', en: 'people' } },
            { name: 'trust_media', label: { ru: 'СМИ', en: 'the media' } },
          ],
        },
        {
          name: 'comment',
          type: 'text',
          label: { ru: 'Что-нибудь ещё?', en: 'Anything else?' },
        },
      ],
    },
  ],
};

export const variables: Variable[] = variablesOf(definition);

/** Eight respondents' answers, by variable. */
const answers: Record<string, unknown[]> = {
  gender: ['male', 'female', 'female', 'dk', null, 'other', 'male', 'female'],
  age: [34, 29, null, 41, 25, 52, 38, 30.5],
  reasons: [['money', 'safety'], ['safety'], [], null, ['other'], ['money'], ['safety'], null],
  reasons_other: [null, null, null, null, 'Работа & <семья>', null, null, null],
  trust_people: [4, 5, 'dk', 3, null, 4, 1, 4],
  trust_media: [1, 2, 1, 'dk', 'dk', null, 2, 5],
  comment: ['Спасибо', null, '', 'x < y & "z"', null, null, null, 'нет'],
};

export function surveyDataset(): Dataset {
  const columns = new Map<string, Column>();
  columns.set(
    'id',
    numberColumn(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), [], { measure: 'nominal' }),
  );
  for (const v of variables) columns.set(v.name, answerColumn(answers[v.name]!, v));
  return { n: 8, columns };
}

export const study: StudyCitation = {
  title: { ru: 'Шесть месяцев в эмиграции', en: 'Six months in exile & "after"' },
  id: 'exile-panel',
  authors: [{ name: 'Анна Петрова', affiliation: 'OutRush' }, { name: 'Ivan <Ivanov>' }],
  producer: 'OutRush',
  date: '2022-10-01',
  version: '1.0',
};

export function surveyCodebook(): Codebook {
  return {
    study,
    data: surveyDataset(),
    variables,
    fileName: 'wave-1.parquet',
    changes: [
      { variable: 'contact', change: 'dropped: a contact identifies the respondent' },
      { variable: 'id', change: 'replaced by new random ids' },
      { variable: 'reasons_other', change: 'free text <removed> & blanked' },
      { variable: 'reasons', change: 'options chosen by fewer than 5 grouped' },
    ],
  };
}
