import { describe, expect, it } from 'vitest';
import { smallWave } from './fixture.test-helper.js';
import { validatePage } from './validate.js';

const q = smallWave();
const en = { today: '2022-09-01', language: 'en' };
const ru = { today: '2022-09-01', language: 'ru' };
const page = (id: string) => q.pages.findIndex((p) => p.page.id === id);

describe('validatePage', () => {
  it('returns typed answers for a valid page', () => {
    const r = validatePage(
      q,
      page('start'),
      { left_date: '2022-03-01', still_in_russia: 'no' },
      {},
      en,
    );
    expect(r.problems).toEqual([]);
    expect(r.answers).toEqual({ left_date: '2022-03-01', still_in_russia: 'no' });
  });

  it('reports every required item, with the custom message where there is one', () => {
    const r = validatePage(q, page('start'), {}, {}, en);
    expect(r.problems).toEqual([
      { variable: 'left_date', item: 'left_date', message: 'Please answer this question.' },
      {
        variable: 'still_in_russia',
        item: 'still_in_russia',
        message: 'We need this to route you.',
      },
    ]);
    const r2 = validatePage(q, page('start'), {}, {}, ru);
    expect(r2.problems.map((p) => p.message)).toEqual([
      'Пожалуйста, ответьте на этот вопрос.',
      'Это нужно, чтобы выбрать вопросы.',
    ]);
  });

  it('rejects values of the wrong type or outside the range', () => {
    const r = validatePage(
      q,
      page('start'),
      { left_date: '2022-02-30', still_in_russia: 'maybe' },
      {},
      en,
    );
    expect(r.problems.map((p) => [p.variable, p.message])).toEqual([
      ['left_date', 'Please enter a date as year-month-day, e.g. 2022-03-15.'],
      ['still_in_russia', 'Please choose one of the options shown.'],
    ]);
    const early = validatePage(
      q,
      page('start'),
      { left_date: '1999-12-31', still_in_russia: 'no' },
      {},
      en,
    );
    expect(early.problems.map((p) => p.message)).toEqual(['Please enter 2000-01-01 or later.']);
    const two = validatePage(
      q,
      page('start'),
      { left_date: '2022-03-01', still_in_russia: ['yes', 'no'] },
      {},
      en,
    );
    expect(two.problems.map((p) => p.message)).toEqual(['Please choose only one option.']);
  });

  it('checks countries, months and decimals', () => {
    const before = { still_in_russia: 'no', left_date: '2022-03-01' };
    const bad = validatePage(
      q,
      page('abroad'),
      { country_now: 'XX', arrived: '2022-13' },
      before,
      en,
    );
    expect(bad.problems.map((p) => p.variable)).toEqual(['country_now', 'arrived']);
    const good = validatePage(
      q,
      page('abroad'),
      { country_now: 'ge', arrived: '2022-04' },
      before,
      en,
    );
    expect(good.answers).toEqual({ country_now: 'GE', arrived: '2022-04' });
    const act = validatePage(
      q,
      page('activities'),
      { activities: ['volunteer'], volunteer_hours: '7,5', birth_year: '1990' },
      before,
      en,
    );
    expect(act.problems).toEqual([]);
    expect(act.answers.volunteer_hours).toBe(7.5);
    expect(act.answers.birth_year).toBe(1990);
  });

  it('applies the constraint with the custom message', () => {
    const r = validatePage(q, page('activities'), { birth_year: '1890' }, {}, en);
    expect(r.problems).toEqual([
      { variable: 'birth_year', item: 'birth_year', message: 'Between 1920 and 2006.' },
    ]);
  });

  it('enforces exclusive choices and keeps questionnaire order', () => {
    const bad = validatePage(q, page('activities'), { activities: ['none', 'donate'] }, {}, en);
    expect(bad.problems.map((p) => p.message)).toEqual([
      '"none" cannot be combined with other options.',
    ]);
    const good = validatePage(
      q,
      page('activities'),
      { activities: ['other', 'donate', 'donate'], activities_other: ' Protest ' },
      {},
      en,
    );
    expect(good.answers.activities).toEqual(['donate', 'other']);
    expect(good.answers.activities_other).toBe('Protest');
  });

  it('clears answers of items that do not apply, even when submitted', () => {
    const r = validatePage(
      q,
      page('activities'),
      { activities: ['donate'], volunteer_hours: '10', activities_other: 'x' },
      {},
      en,
    );
    expect(r.answers.volunteer_hours).toBeNull();
    expect(r.answers.activities_other).toBeNull();
  });

  it('validates grid rows on their own conditions and requires each applicable row', () => {
    const r = validatePage(
      q,
      page('attitudes'),
      { trust_stayed: 'some', trust_host_gov: 'full' },
      { still_in_russia: 'yes' },
      en,
    );
    expect(r.problems.map((p) => [p.variable, p.item])).toEqual([['trust_left', 'trust']]);
    expect(r.answers.trust_host_gov).toBeNull();
  });

  it('accepts declared missing answers on a rating and rejects points off the scale', () => {
    const ok = validatePage(
      q,
      page('attitudes'),
      { trust_stayed: 'dk', trust_left: 'none', outlook: 'dk' },
      {},
      en,
    );
    expect(ok.problems).toEqual([]);
    expect(ok.answers.outlook).toBe('dk');
    const bad = validatePage(
      q,
      page('attitudes'),
      { trust_stayed: 'dk', trust_left: 'none', outlook: '6' },
      {},
      en,
    );
    expect(bad.problems.map((p) => p.message)).toEqual(['Please choose a point on the scale.']);
  });

  it('limits text length and strips control characters', () => {
    const long = validatePage(q, page('activities'), { comments: 'x'.repeat(51) }, {}, en);
    expect(long.problems.map((p) => p.message)).toEqual([
      'Please shorten this answer to at most 50 characters.',
    ]);
    const clean = validatePage(q, page('activities'), { comments: 'a\u0000b\r\nc' }, {}, en);
    expect(clean.answers.comments).toBe('ab\nc');
  });
});
