// Samples built from hand-made responses; expected rows written out by hand.
import { describe, expect, it } from 'vitest';
import { categoriesOf, cellText, type Dataset, type VariableInfo } from './dataset.js';
import { runAnalyses } from './run-analyses.js';
import {
  attritionSample,
  buildSamples,
  combinedSample,
  filterSample,
  panelSample,
  type SampleSource,
  type WaveResponse,
} from './samples.js';

const r = (
  responseId: string,
  pseudonym: string | null,
  waveId: string,
  answers: Record<string, unknown>,
): WaveResponse => ({ responseId, pseudonym, waveId, answers });

const source: SampleSource = {
  waves: ['wave-1', 'wave-2'],
  variables: new Map<string, VariableInfo[]>([
    [
      'wave-1',
      [
        {
          name: 'gender',
          kind: 'select_one',
          label: { en: 'Gender' },
          choices: [
            { name: 'female', code: 1, label: { en: 'Female' } },
            { name: 'male', code: 2, label: { en: 'Male' } },
            { name: 'no_say', code: 99, label: { en: 'Prefer not to say' }, missing: true },
          ],
        },
        { name: 'age', kind: 'integer' },
      ],
    ],
    [
      'wave-2',
      [
        { name: 'country_now', kind: 'country' },
        {
          name: 'reasons',
          kind: 'select_multiple',
          choices: [
            { name: 'work', code: 1, label: { en: 'Work' } },
            { name: 'family', code: 2, label: { en: 'Family' } },
            { name: 'safety', code: 3, label: { en: 'Safety' } },
          ],
        },
      ],
    ],
  ]),
  responses: [
    r('a1', 'anna', 'wave-1', { gender: 'female', age: 31 }),
    r('b1', 'boris', 'wave-1', { gender: 'male', age: 40 }),
    r('c1', 'clara', 'wave-1', { gender: 'female', age: 25 }),
    r('d1', 'dmitri', 'wave-1', { gender: 'male', age: 52 }), // dropped by quality
    r('x1', null, 'wave-1', { gender: 'male', age: 19 }),
    r('a2', 'anna', 'wave-2', { country_now: 'GE', reasons: ['work', 'family'] }),
    r('b2', 'boris', 'wave-2', { country_now: 'RU', reasons: [] }),
    r('b2bis', 'boris', 'wave-2', { country_now: 'AM' }), // a second response: the first counts
    r('d2', 'dmitri', 'wave-2', { country_now: 'RU' }),
    r('e2', 'elena', 'wave-2', { country_now: 'KZ', mood: 'fine' }), // new in wave 2
    r('y2', null, 'wave-2', { country_now: 'RU' }),
    r('z2', null, 'wave-2', { country_now: 'TR' }), // dropped by quality
  ],
};
const kept = (id: string) => !['d1', 'z2'].includes(id);

const rows = (d: Dataset) =>
  Array.from({ length: d.n }, (_, i) => [...d.columns.values()].map((c) => cellText(c, i)));
const texts = (d: Dataset, name: string) =>
  Array.from({ length: d.n }, (_, i) => cellText(d.columns.get(name)!, i));

describe('samples', () => {
  it('links panelists kept in both waves, wide, with wave suffixes', () => {
    const panel = panelSample(source, kept);
    expect([...panel.columns.keys()]).toEqual([
      'pseudonym',
      'response_id__wave-1',
      'gender__wave-1',
      'age__wave-1',
      'response_id__wave-2',
      'country_now__wave-2',
      'reasons__wave-2',
      'mood__wave-2',
    ]);
    expect(rows(panel)).toEqual([
      ['anna', 'a1', 'female', '31', 'a2', 'GE', 'work family', null],
      ['boris', 'b1', 'male', '40', 'b2', 'RU', null, null],
    ]);
  });

  it('holds one typed array per variable: codes with labels, numbers, options, text', () => {
    const panel = panelSample(source, kept);
    const gender = panel.columns.get('gender__wave-1')!;
    expect(gender.type).toBe('number');
    if (gender.type !== 'number') return;
    expect(gender.values).toEqual(Float64Array.from([1, 2]));
    expect(gender.labels.map((l) => [l.code, l.name, l.missing ?? false])).toEqual([
      [1, 'female', false],
      [2, 'male', false],
      [99, 'no_say', true],
    ]);
    expect(gender.info).toEqual({
      label: { en: 'Gender' },
      measure: 'nominal',
      kind: 'select_one',
    });
    const age = panel.columns.get('age__wave-1')!;
    expect(age.type === 'number' && age.values).toEqual(Float64Array.from([31, 40]));
    const reasons = panel.columns.get('reasons__wave-2')!;
    expect(reasons.type).toBe('multiple');
    if (reasons.type !== 'multiple') return;
    expect(reasons.options.map((o) => o.name)).toEqual(['work', 'family', 'safety']);
    expect([...reasons.chosen]).toEqual([1, 1, 0, 0, 0, 0]);
    expect([...reasons.answered]).toEqual([1, 0]); // boris chose nothing: not answered
    const country = panel.columns.get('country_now__wave-2')!;
    expect(country.type === 'text' && [...country.index]).toEqual([0, 1]);
    // An answer under a name the questionnaire does not declare is typed by what it holds.
    expect(combinedSample(source, kept).columns.get('mood')!.type).toBe('text');
    // Categories keep the choice list's order.
    const coded = attritionSample(
      {
        ...source,
        responses: [...source.responses, r('n1', 'nina', 'wave-1', { gender: 'no_say' })],
      },
      kept,
    ).columns.get('gender')!;
    expect(categoriesOf(coded).levels).toEqual(['female', 'male', 'no_say']);
  });

  it('keeps an answer the choice list lacks, with a code after the list', () => {
    const extra = panelSample(
      {
        ...source,
        responses: source.responses.map((x) =>
          x.responseId === 'b1' ? { ...x, answers: { gender: 'other' } } : x,
        ),
      },
      kept,
    ).columns.get('gender__wave-1')!;
    expect(extra.type === 'number' && [...extra.values]).toEqual([1, 100]);
    expect(rows(panelSample(source, kept))[0]![2]).toBe('female');
    expect(extra.type === 'number' && extra.labels.at(-1)).toEqual({ code: 100, name: 'other' });
  });

  it('takes a Set of kept ids as well as a test', () => {
    const set = new Set(source.responses.map((x) => x.responseId).filter(kept));
    expect(panelSample(source, set)).toEqual(panelSample(source, kept));
  });

  it('combines everyone kept in the latest wave, marking panel members', () => {
    const combined = combinedSample(source, kept);
    expect([...combined.columns.keys()]).toEqual([
      'response_id',
      'pseudonym',
      'panel',
      'country_now',
      'reasons',
      'mood',
    ]);
    expect(rows(combined)).toEqual([
      ['a2', 'anna', '1', 'GE', 'work family', null],
      ['b2', 'boris', '1', 'RU', null, null],
      ['d2', 'dmitri', '0', 'RU', null, null], // wave-1 response dropped: not linked
      ['e2', 'elena', '0', 'KZ', null, 'fine'],
      ['y2', null, '0', 'RU', null, null],
    ]);
  });

  it('builds custom samples by an expression, wave suffixes written with _', () => {
    const samples = buildSamples(source, kept, {
      returnees: { from: 'panel', where: "${country_now__wave_2} = 'RU'" },
      abroad_new: { from: 'combined', where: "${panel} = 0 and ${country_now} != 'RU'" },
    });
    expect([...samples.keys()]).toEqual(['panel', 'combined', 'returnees', 'abroad_new']);
    expect(texts(samples.get('returnees')!, 'pseudonym')).toEqual(['boris']);
    expect(rows(samples.get('abroad_new')!)).toEqual([['e2', 'elena', '0', 'KZ', null, 'fine']]);
  });

  it('names the sample and the column of a bad expression', () => {
    const panel = panelSample(source, kept);
    expect(() => filterSample(panel, 'returnees', "${country_now__wave-2} = 'RU'")).toThrow(
      "Sample 'returnees', column 1 of '${country_now__wave-2} = 'RU'': A reference is written ${name}",
    );
    expect(() => filterSample(panel, 'returnees', "${country} = 'RU'")).toThrow(
      "Sample 'returnees', column 1 of '${country} = 'RU'': there is no variable 'country' in the sample's data.",
    );
    try {
      filterSample(panel, 'old', '${age__wave_1} > ');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/^Sample 'old', column 18 of/);
    }
    expect(() =>
      buildSamples(source, kept, { x: { from: 'wave-1' as 'panel', where: '1' } }),
    ).toThrow("Sample 'x': 'from' must be 'panel' or 'combined', not 'wave-1'.");
    expect(() => panelSample(source, kept, ['wave-1', 'wave-3'])).toThrow(
      "Sample 'panel': there is no wave 'wave-3'; the waves are wave-1, wave-2.",
    );
  });

  it('gives run-analyses a dataset it can use', () => {
    const results = runAnalyses(panelSample(source, kept), {
      analyses: [{ id: 'age', kind: 'mean', variable: 'age__wave-1' }],
    });
    expect(results.age!.estimates[0]!.estimate).toBe(35.5);
  });

  it('marks wave-1 panelists by whether they are kept in wave 2, for the attrition check', () => {
    expect(rows(attritionSample(source, kept))).toEqual([
      ['anna', 'a1', '1', 'female', '31'],
      ['boris', 'b1', '1', 'male', '40'],
      ['clara', 'c1', '0', 'female', '25'],
    ]);
    const invited = new Map([['wave-2', new Set(['anna'])]]);
    // boris answered without an invitation (a panel code): he counts; clara was not invited.
    expect(texts(attritionSample({ ...source, invited }, kept), 'pseudonym')).toEqual([
      'anna',
      'boris',
    ]);
  });
});
