/**
 * Built-in messages shown to respondents when an answer is invalid. A questionnaire's own
 * `required_message` / `constraint_message` win over these. Languages without built-ins here
 * fall back to English; every catalogue here has every key.
 */
export type MessageKey =
  | 'required'
  | 'constraint'
  | 'notAChoice'
  | 'oneChoice'
  | 'exclusive'
  | 'maxSelected'
  | 'integer'
  | 'number'
  | 'min'
  | 'max'
  | 'date'
  | 'month'
  | 'dateMin'
  | 'dateMax'
  | 'country'
  | 'tooLong'
  | 'scale';

type Catalogue = Record<MessageKey, string>;

const en: Catalogue = {
  required: 'Please answer this question.',
  constraint: 'This answer is not possible here; please check it.',
  notAChoice: 'Please choose one of the options shown.',
  oneChoice: 'Please choose only one option.',
  exclusive: '"{choice}" cannot be combined with other options.',
  maxSelected: 'Please choose at most {max} options.',
  integer: 'Please enter a whole number.',
  number: 'Please enter a number.',
  min: 'Please enter {min} or more.',
  max: 'Please enter {max} or less.',
  date: 'Please enter a date as year-month-day, e.g. 2022-03-15.',
  month: 'Please enter a month as year-month, e.g. 2022-03.',
  dateMin: 'Please enter {min} or later.',
  dateMax: 'Please enter {max} or earlier.',
  country: 'Please choose a country from the list.',
  tooLong: 'Please shorten this answer to at most {max} characters.',
  scale: 'Please choose a point on the scale.',
};

const ru: Catalogue = {
  required: 'Пожалуйста, ответьте на этот вопрос.',
  constraint: 'Такой ответ здесь невозможен; пожалуйста, проверьте его.',
  notAChoice: 'Пожалуйста, выберите один из предложенных вариантов.',
  oneChoice: 'Пожалуйста, выберите только один вариант.',
  exclusive: 'Вариант «{choice}» нельзя сочетать с другими.',
  maxSelected: 'Пожалуйста, выберите не больше {max} вариантов.',
  integer: 'Пожалуйста, введите целое число.',
  number: 'Пожалуйста, введите число.',
  min: 'Пожалуйста, введите число не меньше {min}.',
  max: 'Пожалуйста, введите число не больше {max}.',
  date: 'Пожалуйста, введите дату в виде год-месяц-день, например 2022-03-15.',
  month: 'Пожалуйста, введите месяц в виде год-месяц, например 2022-03.',
  dateMin: 'Пожалуйста, введите дату не раньше {min}.',
  dateMax: 'Пожалуйста, введите дату не позже {max}.',
  country: 'Пожалуйста, выберите страну из списка.',
  tooLong: 'Пожалуйста, сократите ответ до {max} символов.',
  scale: 'Пожалуйста, выберите значение на шкале.',
};

const es: Catalogue = {
  required: 'Por favor, responda esta pregunta.',
  constraint: 'Esta respuesta no es posible aquí; revísela, por favor.',
  notAChoice: 'Por favor, elija una de las opciones que se muestran.',
  oneChoice: 'Por favor, elija solo una opción.',
  exclusive: '«{choice}» no se puede combinar con otras opciones.',
  maxSelected: 'Por favor, elija como máximo {max} opciones.',
  integer: 'Por favor, escriba un número entero.',
  number: 'Por favor, escriba un número.',
  min: 'Por favor, escriba {min} o más.',
  max: 'Por favor, escriba {max} o menos.',
  date: 'Por favor, escriba una fecha como año-mes-día, por ejemplo 2022-03-15.',
  month: 'Por favor, escriba un mes como año-mes, por ejemplo 2022-03.',
  dateMin: 'Por favor, escriba {min} o una fecha posterior.',
  dateMax: 'Por favor, escriba {max} o una fecha anterior.',
  country: 'Por favor, elija un país de la lista.',
  tooLong: 'Por favor, acorte esta respuesta a {max} caracteres como máximo.',
  scale: 'Por favor, elija un punto de la escala.',
};

/** The built-in messages by language, for tests that every catalogue matches English. */
export const catalogues: Readonly<Record<string, Catalogue>> = { en, ru, es };

export function message(
  language: string,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const catalogue = catalogues[language.split('-')[0]!] ?? en;
  return catalogue[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
