/** The survey's own words (buttons, notices) in each language; English for a language not here. */
import { es } from './texts-es.js';

const en = {
  start: 'Start the survey',
  consentAgree: 'I have read this and agree to take part',
  next: 'Next',
  back: 'Back',
  finish: 'Finish',
  resumeTitle: 'Have a code?',
  resumeHelp:
    'Type the six-word resume code you noted to continue where you left off, or the panel code you were given at the end of an earlier wave to take part in this one.',
  resumeField: 'Your code (six words)',
  resumeButton: 'Continue',
  resumeWrong: 'No survey was found for this code. Check the words and try again.',
  resumeTooMany: 'Too many attempts. Please wait a few minutes and try again.',
  yourCode: 'Your resume code',
  yourCodeHelp:
    'Write these six words down to continue the survey later or on another device. Keep them private.',
  progress: 'Progress',
  /** Where a respondent is; `{page}` and `{of}` are filled in. */
  pageOfAbout: 'Page {page} of about {of}',
  pageOfLast: 'Page {page} of {of}',
  errorsTitle: 'Please check these answers:',
  moreQuestions: 'Your answers opened more questions on this page.',
  notApplicable: 'That page no longer applies after your answers; here is where you are now.',
  notReached: 'This is the page you are on; the page that was sent comes later and was not saved.',
  requiredMissing:
    'Some questions that need an answer are not answered yet. Please answer them to finish.',
  notOpenTitle: 'The survey is not open yet',
  notOpenText: 'This survey is not open yet. Please come back later.',
  closedTitle: 'The survey is closed',
  closedText: 'This survey has closed. Thank you for your interest.',
  endTitle: 'Thank you',
  formProblemTitle: 'This form could not be taken',
  formOnly:
    'This form can be sent only from the survey page. Please go back to the survey and send it again.',
  formEncoding: 'The form arrived damaged. Please go back to the survey and send it again.',
  fieldTooLong:
    'The answer in the field “{field}” is too long. Please shorten it and send the page again.',
  fieldCharacter:
    'The field “{field}” contains a character that cannot be saved. Please remove it and send the page again.',
  fieldInvalid:
    'The field “{field}” is not one this form sends. Please go back to the survey and send the page from there.',
  saveFailed: 'Your answers could not be saved as sent. Please check them and send the page again.',
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
  expiredTitle: 'Please send the page again',
  tooLargeTitle: 'This page is too long to send',
  tooLargeText:
    "Your answers on this page are too long to send. Use your browser's Back button, shorten the longest answer and send the page again.",
  panelOnlyText:
    'This survey is open only to people taking part in the panel for now. If you were given a panel code, enter it below. Everyone else: please come back later.',
  panelTitle: 'Will you take part again?',
  panelChoice: 'How may we ask you again?',
  panelEmail: 'Leave an email address',
  panelEmailField: 'Email address',
  panelMessenger: 'Leave a messenger name (Telegram, Signal, WhatsApp)',
  panelHandleField: 'Messenger name or phone number',
  panelHandleHint: 'For example @name, or a phone number with its country code.',
  panelCode: 'Take a panel code and leave no contact',
  panelCodeHint: 'Six words to write down and enter on the first page of the next wave.',
  panelDecline: 'No, please do not ask me again',
  panelSend: 'Send',
  panelChooseError: 'Choose one of the options.',
  panelEmailError: 'Enter an email address such as name@example.org.',
  panelEmailMissing: 'Enter your email address, or choose another option.',
  panelHandleError:
    'Enter a messenger name such as @name (4 to 32 letters, digits or _) or a phone number.',
  panelHandleMissing: 'Enter your messenger name or phone number, or choose another option.',
  panelNoContacts:
    'This survey cannot take contacts. Please take a panel code instead, or decline.',
  panelCodeTitle: 'Your panel code',
  panelCodeWrite:
    'Write these six words down now, on paper or somewhere safe. We do not know them and cannot show them again.',
  panelCodeUse:
    'With this code you can take part in the next wave without leaving any contact: enter it in the box “Have a code?” on the first page of the survey.',
  panelContactText:
    'We will invite you to the next wave. Your contact was encrypted at once: only the researchers can read it. Every invitation has a link to stop them.',
  panelDeclineText: 'We will not ask you again. Thank you for taking part.',
  panelAlready: 'You are already taking part in the panel. Thank you!',
  inviteStart: 'I agree: start the survey',
  linkUsedTitle: 'This link has been used',
  linkUsedText:
    'This personal link has already been used to start the survey. Continue on the device where you started, or with your resume code.',
  linkContinue: 'Continue the survey on this device',
  optOutTitle: 'No more invitations?',
  optOutText:
    'Press the button to receive no more invitations to this survey. Answers you have already given are kept.',
  optOutButton: 'Stop the invitations',
  optOutDoneTitle: 'No more invitations',
  optOutDoneText: 'You will receive no more invitations to this survey. Thank you for taking part.',
  deviceTitle: 'What this survey keeps on this device',
  deviceItems: [
    'lg_s: which response is yours, so that you can continue here. 30 days; one hour once you finish.',
    'lg_d: a random number, to notice one browser answering twice in this survey. 30 days.',
    'lg_lang: your language. 30 days.',
    '_csrf: protects the forms against forgery. Until the browser closes.',
    'Nothing else: no answers and no resume code. The server keeps your answers, a hash of lg_s and a hash of lg_d keyed with a secret of this server; never your IP address or device details.',
    '“Leave and clear this device”, at the bottom of every page, removes them all.',
  ],
  leaveButton: 'Leave and clear this device',
  leftTitle: 'This device is cleared',
  leftText:
    'The survey’s cookies are removed from this browser, and its session has ended: nothing on this device leads to your answers.',
  leftCode:
    'Your answers so far are kept. To continue later, on any device, enter your resume code on the first page of the survey:',
  leftNoCode:
    'Your answers so far are kept. To continue later, enter the six-word resume code you noted on the first page of the survey.',
  leftStart: 'Go to the first page of the survey',
  elsewhereTitle: 'This survey continues on another device',
  elsewhereText:
    'Your resume code was used on another device, so your answers now continue there. Nothing you saved here is lost.',
  elsewhereUnsaved: 'The answers on the page you just sent were NOT saved.',
  elsewhereHere: 'To continue on this device instead, enter your resume code below.',
};

export type UiTexts = typeof en;

const ru: UiTexts = {
  start: 'Начать опрос',
  consentAgree: 'Я прочитал(а) и согласен(на) участвовать',
  next: 'Далее',
  back: 'Назад',
  finish: 'Завершить',
  resumeTitle: 'Есть код?',
  resumeHelp:
    'Введите код из шести слов, который вы записали, чтобы продолжить с того места, где остановились, или код участника панели, полученный в конце прошлой волны, чтобы принять участие в этой.',
  resumeField: 'Ваш код (шесть слов)',
  resumeButton: 'Продолжить',
  resumeWrong: 'Опрос с таким кодом не найден. Проверьте слова и попробуйте снова.',
  resumeTooMany: 'Слишком много попыток. Подождите несколько минут и попробуйте снова.',
  yourCode: 'Ваш код для продолжения',
  yourCodeHelp:
    'Запишите эти шесть слов, чтобы продолжить опрос позже или на другом устройстве. Никому их не сообщайте.',
  progress: 'Прогресс',
  pageOfAbout: 'Страница {page} примерно из {of}',
  pageOfLast: 'Страница {page} из {of}',
  errorsTitle: 'Пожалуйста, проверьте ответы:',
  moreQuestions: 'Ваши ответы открыли новые вопросы на этой странице.',
  notApplicable: 'После ваших ответов эта страница больше не нужна; вот где вы сейчас.',
  notReached: 'Вы сейчас на этой странице; присланная страница идёт дальше и не сохранена.',
  requiredMissing:
    'На некоторые обязательные вопросы ещё нет ответа. Ответьте на них, чтобы завершить опрос.',
  notOpenTitle: 'Опрос ещё не открыт',
  notOpenText: 'Этот опрос ещё не открыт. Пожалуйста, зайдите позже.',
  closedTitle: 'Опрос закрыт',
  closedText: 'Этот опрос завершён. Спасибо за интерес.',
  endTitle: 'Спасибо',
  formProblemTitle: 'Форму не удалось принять',
  formOnly:
    'Эту форму можно отправить только со страницы опроса. Вернитесь к опросу и отправьте её снова.',
  formEncoding: 'Форма пришла повреждённой. Вернитесь к опросу и отправьте её снова.',
  fieldTooLong: 'Ответ в поле «{field}» слишком длинный. Сократите его и отправьте страницу снова.',
  fieldCharacter:
    'Поле «{field}» содержит символ, который нельзя сохранить. Удалите его и отправьте страницу снова.',
  fieldInvalid: 'Поля «{field}» нет в этой форме. Вернитесь к опросу и отправьте страницу оттуда.',
  saveFailed:
    'Ваши ответы не удалось сохранить в таком виде. Проверьте их и отправьте страницу снова.',
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
  expiredTitle: 'Отправьте страницу ещё раз',
  tooLargeTitle: 'Страница слишком длинная',
  tooLargeText:
    'Ответы на этой странице слишком длинные, чтобы их отправить. Нажмите в браузере «Назад», сократите самый длинный ответ и отправьте страницу снова.',
  panelOnlyText:
    'Сейчас опрос открыт только для участников панели. Если у вас есть код участника, введите его ниже. Остальных просим зайти позже.',
  panelTitle: 'Примете участие ещё раз?',
  panelChoice: 'Как нам пригласить вас снова?',
  panelEmail: 'Оставить адрес электронной почты',
  panelEmailField: 'Адрес электронной почты',
  panelMessenger: 'Оставить имя в мессенджере (Telegram, Signal, WhatsApp)',
  panelHandleField: 'Имя в мессенджере или номер телефона',
  panelHandleHint: 'Например, @name или номер телефона с кодом страны.',
  panelCode: 'Взять код участника и не оставлять контактов',
  panelCodeHint: 'Шесть слов, которые нужно записать и ввести на первой странице следующей волны.',
  panelDecline: 'Нет, больше меня не спрашивайте',
  panelSend: 'Отправить',
  panelChooseError: 'Выберите один из вариантов.',
  panelEmailError: 'Введите адрес электронной почты, например name@example.org.',
  panelEmailMissing: 'Введите адрес электронной почты или выберите другой вариант.',
  panelHandleError:
    'Введите имя в мессенджере, например @name (от 4 до 32 латинских букв, цифр или _), или номер телефона.',
  panelHandleMissing: 'Введите имя в мессенджере или номер телефона либо выберите другой вариант.',
  panelNoContacts:
    'Этот опрос не может принимать контакты. Возьмите, пожалуйста, код участника или откажитесь.',
  panelCodeTitle: 'Ваш код участника',
  panelCodeWrite:
    'Запишите эти шесть слов сейчас — на бумаге или в надёжном месте. Мы их не знаем и не сможем показать ещё раз.',
  panelCodeUse:
    'С этим кодом вы сможете принять участие в следующей волне, не оставляя контактов: введите его в поле «Есть код?» на первой странице опроса.',
  panelContactText:
    'Мы пригласим вас в следующую волну. Ваш контакт сразу зашифрован: прочитать его могут только исследователи. В каждом приглашении есть ссылка, чтобы отказаться от них.',
  panelDeclineText: 'Мы больше не будем вас спрашивать. Спасибо за участие.',
  panelAlready: 'Вы уже участвуете в панели. Спасибо!',
  inviteStart: 'Я согласен(на): начать опрос',
  linkUsedTitle: 'Эта ссылка уже использована',
  linkUsedText:
    'По этой личной ссылке опрос уже начат. Продолжите на том устройстве, где начали, или с помощью кода для продолжения.',
  linkContinue: 'Продолжить опрос на этом устройстве',
  optOutTitle: 'Больше не присылать приглашения?',
  optOutText:
    'Нажмите кнопку, и вы больше не будете получать приглашения в этот опрос. Уже данные ответы сохранятся.',
  optOutButton: 'Больше не присылать',
  optOutDoneTitle: 'Приглашений больше не будет',
  optOutDoneText: 'Вы больше не будете получать приглашения в этот опрос. Спасибо за участие.',
  deviceTitle: 'Что этот опрос хранит на этом устройстве',
  deviceItems: [
    'lg_s: какой ответ ваш, чтобы вы могли продолжить здесь. 30 дней; час после завершения.',
    'lg_d: случайное число, чтобы заметить, что один браузер отвечает дважды в этом опросе. 30 дней.',
    'lg_lang: ваш язык. 30 дней.',
    '_csrf: защищает формы от подделки. До закрытия браузера.',
    'Больше ничего: ни ответов, ни кода для продолжения. Сервер хранит ваши ответы, хеш lg_s и хеш lg_d с секретным ключом этого сервера; никогда — ваш IP-адрес или данные устройства.',
    '«Выйти и очистить это устройство» внизу каждой страницы удаляет всё это.',
  ],
  leaveButton: 'Выйти и очистить это устройство',
  leftTitle: 'Устройство очищено',
  leftText:
    'Файлы cookie опроса удалены из этого браузера, а его сеанс завершён: ничто на этом устройстве не ведёт к вашим ответам.',
  leftCode:
    'Ваши ответы сохранены. Чтобы продолжить позже на любом устройстве, введите код для продолжения на первой странице опроса:',
  leftNoCode:
    'Ваши ответы сохранены. Чтобы продолжить позже, введите на первой странице опроса код из шести слов, который вы записали.',
  leftStart: 'Перейти на первую страницу опроса',
  elsewhereTitle: 'Опрос продолжается на другом устройстве',
  elsewhereText:
    'Ваш код для продолжения был введён на другом устройстве, поэтому ответы теперь продолжаются там. Всё, что вы сохранили здесь, не потеряно.',
  elsewhereUnsaved: 'Ответы со страницы, которую вы только что отправили, НЕ сохранены.',
  elsewhereHere: 'Чтобы продолжить на этом устройстве, введите код для продолжения ниже.',
};

const all: Record<string, UiTexts> = { en, ru, es };

/** Whether the survey's own words exist in a language (else pages use English). */
export function hasTexts(language: string): boolean {
  return Object.hasOwn(all, language.split('-')[0]!);
}

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
