/**
 * Numbers as the report's language writes them: Russian with a decimal comma and a
 * non-breaking space between thousands (1 680,5), English with a point and a comma
 * (1,680.5); negative numbers with a true minus sign; shares as whole percentages (46%), as
 * the reference report prints them.
 */
import type { Lang } from './figure.js';

export const nbsp = '\u00A0';
const minus = '\u2212';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang, {
      useGrouping: 'always',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  return f;
}

/** `value` with `digits` decimals (0 by default). */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  const text = formatter(lang, digits).format(value).replace(/\s/g, nbsp);
  // A value that rounds to zero prints as 0, not −0.
  if (/^-0([.,]0+)?$/.test(text)) return text.slice(1);
  return text.replace(/^-/, minus);
}

/** A share (0..1) as a whole percentage: 0.4649 -> "46%" (or with `digits` decimals). */
export function formatPercent(share: number, lang: Lang, digits = 0): string {
  return `${formatNumber(share * 100, lang, digits)}%`;
}

/**
 * The change between two shares in whole percentage points, signed: 0.4649 -> 0.6051 is
 * "+14 п.п." / "+14 pp". It is the difference of the unrounded shares, so it can differ by
 * one from the difference of the two rounded percentages.
 */
export function formatPointChange(from: number, to: number, lang: Lang): string {
  return formatPoints(to - from, lang);
}

/** A change in shares as signed percentage points: "+15 p.p.", "−3 п.п.", "0 p.p.". */
export function formatPoints(change: number, lang: Lang, digits = 0): string {
  const points = Number((change * 100).toFixed(digits));
  const unit = lang === 'ru' ? 'п.п.' : 'p.p.';
  const sign = points > 0 ? '+' : '';
  return `${sign}${formatNumber(points, lang, digits)}${nbsp}${unit}`;
}

/** Vega's number and time locales (d3-format and d3-time-format definitions). */
export function vegaLocale(lang: Lang): { number: object; time: object } {
  return lang === 'ru' ? russian : english;
}

const english = {
  number: { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus },
  time: {
    dateTime: '%a %e %b %Y %X',
    date: '%d.%m.%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    shortMonths: [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ],
  },
};

// Month names in the genitive, as a day and month are written: "5 сентября", "5 сент.".
const russian = {
  number: { decimal: ',', thousands: nbsp, grouping: [3], currency: ['', ''], minus },
  time: {
    dateTime: '%A, %e %B %Y г. %X',
    date: '%d.%m.%Y',
    time: '%H:%M:%S',
    periods: ['', ''],
    days: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
    shortDays: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
    months: [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ],
    shortMonths: [
      'янв.',
      'февр.',
      'марта',
      'апр.',
      'мая',
      'июня',
      'июля',
      'авг.',
      'сент.',
      'окт.',
      'нояб.',
      'дек.',
    ],
  },
};
