// Expected values are computed by hand from the AAPOR Standard Definitions (10th edition, 2023)
// formulas; each comment shows the arithmetic. A ratio of two whole numbers is compared with
// toBe: IEEE division rounds correctly, so 400 / 860 and 20 / 43 are the same double.
import { describe, expect, it } from 'vitest';
import { StatsError } from '../stats/errors.js';
import {
  aaporCode,
  attrition,
  classify,
  counts,
  cumulativeRetention,
  rateNames,
  rates,
  waveToWaveRetention,
  type Counts,
  type Disposition,
  type OutcomeRates,
  type PanelistRecord,
  type PanelistWaveFacts,
} from './response-rates.js';

const value = (r: OutcomeRates, name: (typeof rateNames)[number]): number | null => r[name].value;

describe('AAPOR rates: a worked example with all eight codes', () => {
  // I = 400, P = 50, R = 100, NC = 200, O = 10, UH = 60, UO = 40, NE = 50.
  // I+P = 450; R+NC+O = 310; U = UH+UO = 100; (I+P)+(R+NC+O) = 760; with U: 860.
  // e = 760 / (760 + 50) = 76/81, so e·U = 7600/81 and 760 + 7600/81 = 69160/81.
  const c: Counts = { I: 400, P: 50, R: 100, NC: 200, O: 10, UH: 60, UO: 40, NE: 50 };
  const r = rates(c);

  it('estimates e as the eligible share of resolved cases', () => {
    expect(r.e).toEqual({ value: 76 / 81, source: 'estimated' });
  });

  it.each([
    // RR1 = 400/860 = 20/43; RR2 = 450/860 = 45/86; RR5 = 400/760 = 10/19; RR6 = 450/760 = 45/76
    ['RR1', 20 / 43],
    ['RR2', 45 / 86],
    ['RR5', 10 / 19],
    ['RR6', 45 / 76],
    // COOP1 = 400/(450+100+10) = 400/560 = 5/7; COOP2 = 450/560 = 45/56
    // COOP3 = 400/(450+100) = 8/11; COOP4 = 450/550 = 9/11
    ['COOP1', 5 / 7],
    ['COOP2', 45 / 56],
    ['COOP3', 8 / 11],
    ['COOP4', 9 / 11],
    // REF1 = 100/860 = 5/43; REF3 = 100/760 = 5/38
    ['REF1', 5 / 43],
    ['REF3', 5 / 38],
    // CON1 = 560/860 = 28/43; CON3 = 560/760 = 14/19
    ['CON1', 28 / 43],
    ['CON3', 14 / 19],
  ] as const)('%s without e is the exact fraction', (name, expected) => {
    expect(value(r, name)).toBe(expected);
  });

  it.each([
    // RR3 = 400 · 81/69160 = 32400/69160 = 810/1729
    ['RR3', 810 / 1729],
    // RR4 = 450 · 81/69160 = 36450/69160 = 3645/6916
    ['RR4', 3645 / 6916],
    // REF2 = 100 · 81/69160 = 8100/69160 = 405/3458
    ['REF2', 405 / 3458],
    // CON2 = 560 · 81/69160 = 45360/69160 = 162/247
    ['CON2', 162 / 247],
  ] as const)('%s with the estimated e is the hand-computed fraction', (name, expected) => {
    expect(value(r, name)).toBeCloseTo(expected, 12);
  });

  it('gives all sixteen rates', () => {
    expect(Object.keys(r).sort()).toEqual([...rateNames, 'e'].sort());
  });
});

describe('AAPOR rates: e given', () => {
  const c: Counts = { I: 400, P: 50, R: 100, NC: 200, O: 10, UH: 60, UO: 40, NE: 50 };

  it('e = 0 leaves the unknown cases out: RR3 = RR5, RR4 = RR6, REF2 = REF3, CON2 = CON3', () => {
    const r = rates(c, { e: 0 });
    expect(r.e).toEqual({ value: 0, source: 'given' });
    // 400/760 = 10/19; 450/760 = 45/76; 100/760 = 5/38; 560/760 = 14/19
    expect(value(r, 'RR3')).toBe(10 / 19);
    expect(value(r, 'RR4')).toBe(45 / 76);
    expect(value(r, 'REF2')).toBe(5 / 38);
    expect(value(r, 'CON2')).toBe(14 / 19);
  });

  it('e = 1 counts every unknown case: RR3 = RR1, RR4 = RR2, REF2 = REF1, CON2 = CON1', () => {
    const r = rates(c, { e: 1 });
    expect(r.e).toEqual({ value: 1, source: 'given' });
    // 400/860 = 20/43; 450/860 = 45/86; 100/860 = 5/43; 560/860 = 28/43
    expect(value(r, 'RR3')).toBe(20 / 43);
    expect(value(r, 'RR4')).toBe(45 / 86);
    expect(value(r, 'REF2')).toBe(5 / 43);
    expect(value(r, 'CON2')).toBe(28 / 43);
  });

  it('e = 0.5 halves the unknown cases: RR3 = 400 / (760 + 50) = 40/81', () => {
    expect(value(rates(c, { e: 0.5 }), 'RR3')).toBe(40 / 81);
  });

  it.each([-0.01, 1.01, Number.NaN, Infinity])('refuses e = %s, naming the option', (e) => {
    expect(() => rates(c, { e })).toThrow(StatsError);
    expect(() => rates(c, { e })).toThrow(
      `rates requires the option e (the eligible share of cases of unknown eligibility) to be a number between 0 and 1, not ${e}.`,
    );
  });

  it('refuses a negative or non-finite count, naming it', () => {
    expect(() => rates({ ...c, NC: -1 })).toThrow(
      'rates requires counts that are numbers of at least 0; NC is -1.',
    );
    expect(() => rates({ ...c, UO: Number.NaN })).toThrow(/UO is NaN/);
  });
});

describe('AAPOR rates: zero denominators give a reason, never NaN', () => {
  const zero: Counts = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };

  it('all-zero counts: no e and no rate', () => {
    const r = rates(zero);
    expect(r.e).toEqual({
      value: null,
      source: 'estimated',
      reason: 'not defined: no resolved cases to estimate it from (I+P+R+NC+O+NE = 0)',
    });
    for (const name of rateNames) {
      expect(r[name].value, name).toBeNull();
      expect(r[name], name).toHaveProperty(
        'reason',
        expect.stringMatching(/^not defined: no cases in the denominator \(.+\)$/),
      );
    }
    expect(r.RR1).toEqual({
      value: null,
      reason: 'not defined: no cases in the denominator ((I+P) + (R+NC+O) + (UH+UO))',
    });
    expect(r.COOP3).toEqual({
      value: null,
      reason: 'not defined: no cases in the denominator ((I+P) + R)',
    });
  });

  it('only ineligible cases: e = 0/5 = 0, yet every denominator is empty', () => {
    const r = rates({ ...zero, NE: 5 });
    expect(r.e).toEqual({ value: 0, source: 'estimated' });
    for (const name of rateNames) expect(r[name].value, name).toBeNull();
    expect(r.CON2).toEqual({
      value: null,
      reason: 'not defined: no cases in the denominator ((I+P) + (R+NC+O) + e(UH+UO))',
    });
  });

  it('only unknown cases: e cannot be estimated, so the rates that use it have no value', () => {
    // UO = 5: RR1 = 0/5 = 0 and CON1 = 0/5 = 0; RR5 and COOP have empty denominators.
    const r = rates({ ...zero, UO: 5 });
    expect(r.e.value).toBeNull();
    expect(value(r, 'RR1')).toBe(0);
    expect(value(r, 'CON1')).toBe(0);
    expect(r.RR5.value).toBeNull();
    expect(r.COOP1.value).toBeNull();
    for (const name of ['RR3', 'RR4', 'REF2', 'CON2'] as const)
      expect(r[name], name).toEqual({
        value: null,
        reason: 'not defined: e is not defined and there are cases of unknown eligibility (UH+UO)',
      });
    // With e given, RR3 = 0 / (0 + 0.4 · 5) = 0.
    expect(value(rates({ ...zero, UO: 5 }, { e: 0.4 }), 'RR3')).toBe(0);
  });
});

describe('the reference study: wave 2 of the exile panel', () => {
  // Of 1,680 wave-1 respondents, 1,032 left contacts and were re-contacted; 611 completed wave 2
  // and about 10% more completed part of it (at least 50%, kept in the analysis). The rest is
  // a plausible split, stated here: 41 broke off below 50%, 24 opened the link and answered
  // nothing, 7 opted out, 31 invitations bounced, 215 never opened the link; nobody was
  // screened out (every wave-1 respondent stays eligible). The 648 without contacts were not
  // invited. 611 + 103 + 41 + 24 + 7 + 31 + 215 = 1,032.
  const closed = true;
  const invitedOnly: PanelistWaveFacts = {
    invited: true,
    bounced: false,
    opened: false,
    optedOut: false,
  };
  const opened = { ...invitedOnly, opened: true };
  const many = (n: number, facts: PanelistWaveFacts): PanelistWaveFacts[] =>
    Array.from({ length: n }, () => facts);
  const facts = [
    ...many(611, { ...opened, response: { status: 'complete', completionShare: 1, closed } }),
    ...many(3, { ...opened, response: { status: 'in_progress', completionShare: 0.5, closed } }),
    ...many(100, { ...opened, response: { status: 'abandoned', completionShare: 0.8, closed } }),
    ...many(41, { ...opened, response: { status: 'in_progress', completionShare: 0.3, closed } }),
    ...many(24, opened),
    ...many(7, { ...invitedOnly, optedOut: true }),
    ...many(31, { ...invitedOnly, bounced: true }),
    ...many(215, invitedOnly),
    ...many(648, { invited: false, bounced: false, opened: false, optedOut: false }),
  ];
  const dispositions = facts.map((f) => classify(f));

  it('counts the invited panelists by AAPOR code, leaving out the 648 not invited', () => {
    // R = 41 break-offs + 24 opened without starting + 7 opted out = 72
    expect(counts(dispositions)).toEqual({
      I: 611,
      P: 103,
      R: 72,
      NC: 215,
      O: 0,
      UH: 0,
      UO: 31,
      NE: 0,
    });
  });

  it('gives the report’s 59% (611/1,032) and about 10% partial', () => {
    const r = rates(counts(dispositions));
    // No NE, so e = 1001/1001 = 1 and the e-rates equal the U-rates.
    expect(r.e).toEqual({ value: 1, source: 'estimated' });
    // (I+P)+(R+NC+O) = 714 + 287 = 1001; with U: 1032.
    expect(value(r, 'RR1')).toBe(611 / 1032); // 0.592: the report's "60%"
    expect(value(r, 'RR2')! - value(r, 'RR1')!).toBeCloseTo(103 / 1032, 12); // 0.0998
    expect(value(r, 'RR2')).toBe(119 / 172); // 714/1032
    expect(value(r, 'RR3')).toBe(611 / 1032);
    expect(value(r, 'RR4')).toBe(119 / 172);
    expect(value(r, 'RR5')).toBe(47 / 77); // 611/1001 = (13·47)/(13·77)
    expect(value(r, 'RR6')).toBe(102 / 143); // 714/1001 = (7·102)/(7·143)
    expect(value(r, 'COOP1')).toBe(611 / 786); // 611/(714+72), O = 0 so COOP3 is the same
    expect(value(r, 'COOP3')).toBe(611 / 786);
    expect(value(r, 'COOP2')).toBe(119 / 131); // 714/786
    expect(value(r, 'COOP4')).toBe(119 / 131);
    expect(value(r, 'REF1')).toBe(3 / 43); // 72/1032
    expect(value(r, 'REF2')).toBe(3 / 43);
    expect(value(r, 'REF3')).toBe(72 / 1001);
    expect(value(r, 'CON1')).toBe(131 / 172); // 786/1032
    expect(value(r, 'CON2')).toBe(131 / 172);
    expect(value(r, 'CON3')).toBe(786 / 1001);
  });

  it('with includeNotInvited, the 648 count as UH and RR1 becomes 611/1,680', () => {
    const c = counts(dispositions, { includeNotInvited: true });
    expect(c.UH).toBe(648);
    expect(value(rates(c), 'RR1')).toBe(611 / 1680);
  });
});

describe('classify: precedence', () => {
  const none: PanelistWaveFacts = {
    invited: false,
    bounced: false,
    opened: false,
    optedOut: false,
  };
  const invited = { ...none, invited: true };
  const response = (
    status: 'in_progress' | 'complete' | 'screened_out' | 'abandoned',
    completionShare: number,
    closed: boolean,
  ) => ({ ...invited, opened: true, response: { status, completionShare, closed } });

  it.each<[string, PanelistWaveFacts, Disposition]>([
    ['nothing at all', none, 'not_invited'],
    ['invited', invited, 'invited'],
    ['invited, mail bounced', { ...invited, bounced: true }, 'bounced'],
    [
      'bounced but the link opened (an earlier mail)',
      { ...invited, bounced: true, opened: true },
      'opened',
    ],
    ['opened, then opted out', { ...invited, opened: true, optedOut: true }, 'opted_out'],
    [
      'opted out after the last mail bounced',
      { ...invited, bounced: true, optedOut: true },
      'opted_out',
    ],
    [
      'unfinished, wave open, opted out since',
      { ...response('in_progress', 0.9, false), optedOut: true },
      'started',
    ],
    ['unfinished, wave open', response('in_progress', 0.99, false), 'started'],
    [
      'complete, opted out afterwards',
      { ...response('complete', 1, true), optedOut: true },
      'complete',
    ],
    ['complete while the wave is open', response('complete', 0.7, false), 'complete'],
    [
      'complete without an invitation on record',
      { ...none, response: { status: 'complete', completionShare: 1, closed: false } },
      'complete',
    ],
    ['screened out', response('screened_out', 0.1, true), 'screened_out'],
    ['unfinished, closed, exactly 0.5', response('in_progress', 0.5, true), 'partial'],
    ['unfinished, closed, just below 0.5', response('in_progress', 0.4999999, true), 'break_off'],
    ['unfinished, closed, nothing answered', response('in_progress', 0, true), 'break_off'],
    ['abandoned while open, 0.7', response('abandoned', 0.7, false), 'partial'],
    ['abandoned while open, 0.2', response('abandoned', 0.2, false), 'break_off'],
  ])('%s', (_, facts, expected) => {
    expect(classify(facts)).toBe(expected);
  });

  it('uses the rule given', () => {
    const f = response('in_progress', 0.7, true);
    expect(classify(f, { partialShare: 0.8 })).toBe('break_off');
    expect(classify(f, { partialShare: 0.7 })).toBe('partial');
    expect(classify(response('in_progress', 0, true), { partialShare: 0 })).toBe('partial');
  });

  it('refuses shares outside [0, 1], naming them', () => {
    expect(() => classify(invited, { partialShare: 1.5 })).toThrow(
      'classify requires partialShare to be a number between 0 and 1, not 1.5.',
    );
    expect(() => classify(response('in_progress', Number.NaN, true))).toThrow(
      'classify requires completionShare to be a number between 0 and 1, not NaN.',
    );
  });
});

describe('aaporCode and counts', () => {
  it.each<[Disposition, string]>([
    ['complete', 'I'],
    ['partial', 'P'],
    ['break_off', 'R'],
    ['opted_out', 'R'],
    ['opened', 'R'],
    ['invited', 'NC'],
    ['started', 'NC'],
    ['bounced', 'UO'],
    ['not_invited', 'UH'],
    ['screened_out', 'NE'],
  ])('%s is %s', (d, code) => {
    expect(aaporCode(d)).toBe(code);
  });

  it('counts each disposition under its code', () => {
    const ds: Disposition[] = [
      'complete',
      'complete',
      'started',
      'opened',
      'not_invited',
      'bounced',
    ];
    expect(counts(ds)).toEqual({ I: 2, P: 0, R: 1, NC: 1, O: 0, UH: 0, UO: 1, NE: 0 });
    expect(counts(ds, { includeNotInvited: true }).UH).toBe(1);
  });
});

describe('retention across three waves', () => {
  const waves = ['w1', 'w2', 'w3'];
  const records: PanelistRecord[] = [
    { panelist: 'a', consented: true, completed: { w1: true, w2: true, w3: true } },
    { panelist: 'b', consented: true, completed: { w1: true, w2: true, w3: false } },
    { panelist: 'c', consented: true, completed: { w1: true, w2: false, w3: true } }, // skipped w2
    { panelist: 'd', consented: true, completed: { w1: true } },
    { panelist: 'e', consented: false, completed: { w1: true, w2: true, w3: true } }, // no consent
    { panelist: 'f', consented: true, completed: { w2: true, w3: true } }, // joined in w2
  ];

  it('wave 1 to 2: of a, b, c, d (e did not consent), a and b came back: 2/4', () => {
    expect(waveToWaveRetention(records, waves, 'w2')).toEqual({
      numerator: 2,
      denominator: 4,
      value: 0.5,
    });
    expect(attrition(records, waves, 'w2')).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
  });

  it('wave 2 to 3: of a, b, f (c skipped w2), a and f came back: 2/3', () => {
    expect(waveToWaveRetention(records, waves, 'w3')).toEqual({
      numerator: 2,
      denominator: 3,
      value: 2 / 3,
    });
    expect(attrition(records, waves, 'w3')).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
  });

  it('cumulative: from w1, only a completed both later waves (c skipped w2): 1/4', () => {
    expect(cumulativeRetention(records, waves, 'w1', 'w3')).toEqual({
      numerator: 1,
      denominator: 4,
      value: 0.25,
    });
    expect(cumulativeRetention(records, waves, 'w1', 'w2').value).toBe(0.5);
    expect(cumulativeRetention(records, waves, 'w2', 'w3').value).toBe(2 / 3);
  });

  it('an empty denominator gives null and a reason', () => {
    const none = records.map((r) => ({ ...r, consented: false }));
    const reason = "not defined: no panelist who consented to re-contact completed wave 'w1'";
    expect(waveToWaveRetention(none, waves, 'w2')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason,
    });
    expect(attrition([], waves, 'w2')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason,
    });
    expect(cumulativeRetention(none, waves, 'w1', 'w3')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason,
    });
  });

  it('refuses waves that do not fit', () => {
    expect(() => waveToWaveRetention(records, waves, 'w1')).toThrow(
      "waveToWaveRetention requires a wave after the first; 'w1' is the first.",
    );
    expect(() => attrition(records, waves, 'w9')).toThrow(
      "attrition requires a wave listed in waves; 'w9' is not.",
    );
    expect(() => cumulativeRetention(records, waves, 'w3', 'w2')).toThrow(
      "cumulativeRetention requires 'w2' to come after 'w3' in waves.",
    );
    expect(() => waveToWaveRetention(records, ['w1', 'w2', 'w1'], 'w2')).toThrow(
      'waveToWaveRetention requires wave ids that are all different.',
    );
  });
});
