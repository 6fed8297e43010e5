/** The survey's own words (buttons, notices) in each language; English where one is missing. */
const en = {
  start: 'Start the survey',
  consentAgree: 'I have read this and agree to take part',
  next: 'Next',
  back: 'Back',
  finish: 'Finish',
  resumeTitle: 'Continue where you left off',
  resumeHelp: 'Type the six-word code you noted to continue on this device.',
  resumeField: 'Resume code',
  resumeButton: 'Continue',
  resumeWrong: 'No survey was found for this code. Check the words and try again.',
  resumeTooMany: 'Too many attempts. Please wait a few minutes and try again.',
  yourCode: 'Your resume code',
  yourCodeHelp:
    'Write these six words down to continue the survey later or on another device. Keep them private.',
  progress: 'Progress',
  errorsTitle: 'Please check these answers:',
  moreQuestions: 'Your answers opened more questions on this page.',
  notApplicable: 'That page no longer applies after your answers; here is where you are now.',
  notOpenTitle: 'The survey is not open yet',
  notOpenText: 'This survey is not open yet. Please come back later.',
  closedTitle: 'The survey is closed',
  closedText: 'This survey has closed. Thank you for your interest.',
  endTitle: 'Thank you',
  notFoundTitle: 'Survey not found',
  notFoundText: 'This link does not lead to a survey. Please check it.',
  tooManyTitle: 'Please try again later',
  tooManyText:
    'Too many people started the survey from your network just now. Please try again in a few minutes.',
  chooseCountry: 'Choose a country',
  otherSpecify: 'Please specify',
  optional: 'optional',
  language: 'Language',
  honeypot: 'Leave this field empty',
  expiredForm:
    'This page was open too long or was sent twice. Please check your answers and send it again.',
};

export type UiTexts = typeof en;

const ru: UiTexts = {
  start: 'Начать опрос',
  consentAgree: 'Я прочитал(а) и согласен(на) участвовать',
  next: 'Далее',
  back: 'Назад',
  finish: 'Завершить',
  resumeTitle: 'Продолжить с того места, где вы остановились',
  resumeHelp: 'Введите код из шести слов, чтобы продолжить на этом устройстве.',
  resumeField: 'Код для продолжения',
  resumeButton: 'Продолжить',
  resumeWrong: 'Опрос с таким кодом не найден. Проверьте слова и попробуйте снова.',
  resumeTooMany: 'Слишком много попыток. Подождите несколько минут и попробуйте снова.',
  yourCode: 'Ваш код для продолжения',
  yourCodeHelp:
    'Запишите эти шесть слов, чтобы продолжить опрос позже или на другом устройстве. Никому их не сообщайте.',
  progress: 'Прогресс',
  errorsTitle: 'Пожалуйста, проверьте ответы:',
  moreQuestions: 'Ваши ответы открыли новые вопросы на этой странице.',
  notApplicable: 'После ваших ответов эта страница больше не нужна; вот где вы сейчас.',
  notOpenTitle: 'Опрос ещё не открыт',
  notOpenText: 'Этот опрос ещё не открыт. Пожалуйста, зайдите позже.',
  closedTitle: 'Опрос закрыт',
  closedText: 'Этот опрос завершён. Спасибо за интерес.',
  endTitle: 'Спасибо',
  notFoundTitle: 'Опрос не найден',
  notFoundText: 'Эта ссылка не ведёт к опросу. Пожалуйста, проверьте её.',
  tooManyTitle: 'Попробуйте позже',
  tooManyText:
    'Слишком много людей только что начали опрос из вашей сети. Попробуйте через несколько минут.',
  chooseCountry: 'Выберите страну',
  otherSpecify: 'Уточните, пожалуйста',
  optional: 'необязательно',
  language: 'Язык',
  honeypot: 'Оставьте это поле пустым',
  expiredForm:
    'Страница была открыта слишком долго или отправлена дважды. Проверьте ответы и отправьте снова.',
};

const all: Record<string, UiTexts> = { en, ru };

export function ui(language: string): UiTexts {
  return all[language.split('-')[0]!] ?? en;
}

/** Names of languages in themselves, for the language switch. */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}
