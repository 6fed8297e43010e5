import { describe, expect, it } from 'vitest';
import { applicability } from './flow.js';
import { smallWave } from './fixture.test-helper.js';
import { missingRequired } from './required.js';

const ctx = { today: '2022-09-01' };
const q = smallWave();
const missing = (answers: Record<string, unknown>, language = 'en') =>
  missingRequired(q, applicability(q, answers as never, ctx), language).map((m) => [
    q.pages[m.pageIndex]!.page.id,
    m.variable,
  ]);

describe('required answers missing on the path', () => {
  it('lists every applicable required variable without an answer, in questionnaire order', () => {
    expect(missing({})).toEqual([
      ['start', 'left_date'],
      ['start', 'still_in_russia'],
      ['attitudes', 'trust_stayed'],
      ['attitudes', 'trust_left'],
    ]);
  });

  it('follows the path: a page that applies adds its required items, grid rows by relevance', () => {
    expect(
      missing({
        left_date: '2022-03-01',
        still_in_russia: 'no',
        trust_stayed: 'some',
        trust_left: 'dk',
      }),
    ).toEqual([
      ['abroad', 'country_now'],
      ['attitudes', 'trust_host_gov'],
    ]);
    expect(
      missing({
        left_date: '2022-03-01',
        still_in_russia: 'yes',
        country_now: null,
        trust_stayed: 'some',
        trust_left: 'full',
      }),
    ).toEqual([]);
  });

  it("uses the item's own message in the respondent's language", () => {
    const a = applicability(q, { left_date: '2022-03-01' } as never, ctx);
    const [problem] = missingRequired(q, a, 'ru');
    expect(problem).toEqual({
      pageIndex: 0,
      variable: 'still_in_russia',
      item: 'still_in_russia',
      message: 'Это нужно, чтобы выбрать вопросы.',
    });
  });
});
