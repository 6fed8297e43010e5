/** The codebook's own words in English and Russian; another language gets the English ones. */
export interface Words {
  chosen: string;
  notChosen: string;
  variables: string;
  variable: string;
  cases: string;
  file: string;
  label: string;
  question: string;
  hint: string;
  type: string;
  number: string;
  text: string;
  measure: string;
  measures: { nominal: string; ordinal: string; scale: string };
  kind: string;
  referencePeriod: string;
  scale: string;
  code: string;
  name: string;
  count: string;
  share: string;
  validShare: string;
  declaredMissing: string;
  noAnswer: string;
  valid: string;
  answered: string;
  notAnswered: string;
  chosenShare: string;
  min: string;
  max: string;
  mean: string;
  sd: string;
  multipleResponse: string;
  columns: string;
  authors: string;
  producer: string;
  date: string;
  version: string;
  id: string;
  changes: string;
  changesIntro: string;
  notInData: string;
  freeText: string;
  change: string;
  multiple: string;
  statistics: string;
  answers: string;
  changed: string;
}

const en: Words = {
  chosen: 'chosen',
  notChosen: 'not chosen',
  variables: 'Variables',
  variable: 'variable',
  cases: 'Cases',
  file: 'File',
  label: 'Label',
  question: 'Question',
  hint: 'Hint',
  type: 'Type',
  number: 'number',
  text: 'text',
  measure: 'measure',
  measures: { nominal: 'nominal', ordinal: 'ordinal', scale: 'scale' },
  kind: 'item type',
  referencePeriod: 'Reference period',
  scale: 'Scale',
  code: 'code',
  name: 'name',
  count: 'count',
  share: '%',
  validShare: 'valid %',
  declaredMissing: 'declared missing',
  noAnswer: 'no answer',
  valid: 'valid',
  answered: 'answered',
  notAnswered: 'not answered',
  chosenShare: '% of answered',
  min: 'minimum',
  max: 'maximum',
  mean: 'mean',
  sd: 'standard deviation',
  multipleResponse: 'multiple response: a 0/1 column per option',
  columns: 'column',
  authors: 'Authors',
  producer: 'Producer',
  date: 'Date',
  version: 'Version',
  id: 'Identifier',
  changes: 'Changes in this public-use file',
  changesIntro: 'What was changed from the data collected, variable by variable.',
  notInData: 'not in this file',
  freeText: 'free text: values are not listed',
  change: 'change',
  multiple: 'multiple choice',
  statistics: 'Statistics',
  answers: 'Answers',
  changed: 'Changed',
};

const ru: Words = {
  chosen: 'выбрано',
  notChosen: 'не выбрано',
  variables: 'Переменные',
  variable: 'переменная',
  cases: 'Наблюдений',
  file: 'Файл',
  label: 'Метка',
  question: 'Вопрос',
  hint: 'Подсказка',
  type: 'Тип',
  number: 'число',
  text: 'текст',
  measure: 'тип шкалы',
  measures: { nominal: 'номинальная', ordinal: 'порядковая', scale: 'количественная' },
  kind: 'тип вопроса',
  referencePeriod: 'Период',
  scale: 'Шкала',
  code: 'код',
  name: 'имя',
  count: 'число',
  share: '%',
  validShare: '% валидных',
  declaredMissing: 'объявленный пропуск',
  noAnswer: 'нет ответа',
  valid: 'валидных',
  answered: 'ответили',
  notAnswered: 'не ответили',
  chosenShare: '% ответивших',
  min: 'минимум',
  max: 'максимум',
  mean: 'среднее',
  sd: 'стандартное отклонение',
  multipleResponse: 'множественный выбор: столбец 0/1 на каждый вариант',
  columns: 'столбец',
  authors: 'Авторы',
  producer: 'Производитель',
  date: 'Дата',
  version: 'Версия',
  id: 'Идентификатор',
  changes: 'Изменения в файле для открытого доступа',
  changesIntro: 'Что изменено по сравнению с собранными данными, по переменным.',
  notInData: 'нет в этом файле',
  freeText: 'свободный текст: значения не приводятся',
  change: 'изменение',
  multiple: 'множественный выбор',
  statistics: 'Статистики',
  answers: 'Ответы',
  changed: 'Изменено',
};

const byLanguage: Record<string, Words> = { en, ru };

export function wordsFor(language: string): Words {
  return byLanguage[language] ?? en;
}

/** The languages the codebook has its own words in. */
export function hasWords(language: string): boolean {
  return language in byLanguage;
}
