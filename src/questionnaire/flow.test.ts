import { describe, expect, it } from 'vitest';
import { completionShare } from './completion.js';
import { applicability, applicablePages, nextPage, previousPage } from './flow.js';
import { smallWave } from './fixture.test-helper.js';

const ctx = { today: '2022-09-01' };
const q = smallWave();
const pageIds = (answers: Record<string, unknown>) =>
  applicablePages(q, answers as never, ctx).map((i) => q.pages[i]!.page.id);

describe('applicable pages', () => {
  it('skips the abroad page until the respondent says they left', () => {
    expect(pageIds({})).toEqual(['start', 'attitudes', 'activities']);
    expect(pageIds({ still_in_russia: 'no' })).toEqual([
      'start',
      'abroad',
      'attitudes',
      'activities',
    ]);
    expect(pageIds({ still_in_russia: 'yes' })).toEqual(['start', 'attitudes', 'activities']);
  });

  it('moves forward and back over applicable pages only', () => {
    const answers = { still_in_russia: 'yes' };
    expect(nextPage(q, 0, answers, ctx)?.page.id).toBe('attitudes');
    expect(previousPage(q, 2, answers, ctx)?.page.id).toBe('start');
    expect(nextPage(q, -1, answers, ctx)?.page.id).toBe('start');
    expect(nextPage(q, 3, answers, ctx)).toBeUndefined();
    expect(previousPage(q, 0, answers, ctx)).toBeUndefined();
  });
});

describe('applicable items and variables', () => {
  it('applies grid rows and the other-text by their own conditions', () => {
    const a = applicability(q, { still_in_russia: 'yes', activities: ['donate'] }, ctx);
    expect(a.variables.has('trust_stayed')).toBe(true);
    expect(a.variables.has('trust_host_gov')).toBe(false);
    expect(a.variables.has('activities_other')).toBe(false);
    expect(a.variables.has('volunteer_hours')).toBe(false);
    const b = applicability(q, { still_in_russia: 'no', activities: ['other', 'volunteer'] }, ctx);
    expect(b.variables.has('trust_host_gov')).toBe(true);
    expect(b.variables.has('activities_other')).toBe(true);
    expect(b.variables.has('volunteer_hours')).toBe(true);
  });

  it('drops answers left on a path no longer taken', () => {
    const a = applicability(
      q,
      { still_in_russia: 'yes', country_now: 'GE', arrived: '2022-03' },
      ctx,
    );
    expect(a.answers).toEqual({ still_in_russia: 'yes' });
  });

  it('evaluates date conditions against earlier answers', () => {
    const early = applicability(q, { still_in_russia: 'no', left_date: '2021-05-01' }, ctx);
    const late = applicability(q, { still_in_russia: 'no', left_date: '2022-03-01' }, ctx);
    expect(early.variables.has('arrived')).toBe(false);
    expect(late.variables.has('arrived')).toBe(true);
  });
});

describe('completion share', () => {
  it('is answered applicable items over applicable items', () => {
    // Applicable for someone still in Russia: left_date, still_in_russia, trust_stayed,
    // trust_left, outlook, activities, birth_year, comments = 8 (notes and other-texts excluded).
    expect(completionShare(q, {}, ctx)).toBe(0);
    expect(completionShare(q, { still_in_russia: 'yes', left_date: '2022-03-01' }, ctx)).toBe(
      2 / 8,
    );
    // Leaving Russia adds country_now, arrived (date is after 24 Feb) and trust_host_gov.
    expect(completionShare(q, { still_in_russia: 'no', left_date: '2022-03-01' }, ctx)).toBe(
      2 / 11,
    );
  });

  it('counts a declared missing answer as answered and ignores stale answers', () => {
    const base = { still_in_russia: 'yes', left_date: '2022-03-01', outlook: 'dk' };
    expect(completionShare(q, base, ctx)).toBe(3 / 8);
    expect(completionShare(q, { ...base, country_now: 'GE' }, ctx)).toBe(3 / 8);
  });

  it('reaches 1 when everything applicable is answered', () => {
    const all = {
      left_date: '2022-03-01',
      still_in_russia: 'yes',
      trust_stayed: 'some',
      trust_left: 'full',
      outlook: 4,
      activities: ['none'],
      birth_year: 1990,
      comments: 'ok',
    };
    expect(completionShare(q, all, ctx)).toBe(1);
  });
});
