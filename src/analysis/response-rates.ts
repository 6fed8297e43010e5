/**
 * Panel dispositions, AAPOR outcome rates and retention across waves. Pure: the facts come in,
 * dispositions, counts and rates go out.
 *
 * Source: The American Association for Public Opinion Research (2023), Standard Definitions:
 * Final Dispositions of Case Codes and Outcome Rates for Surveys, 10th edition, the internet
 * surveys of specifically named persons and the outcome-rate formulas. docs/analysis.md
 * ("Dispositions and response rates") gives the reasoning behind each mapping. Every function
 * here is linear in the number of panelists.
 */
import { StatsError } from '../stats/errors.js';

export type Disposition =
  | 'not_invited'
  | 'invited'
  | 'bounced'
  | 'opened'
  | 'started'
  | 'break_off'
  | 'partial'
  | 'complete'
  | 'screened_out'
  | 'opted_out';

/** What is known about one panelist in one wave. */
export interface PanelistWaveFacts {
  /** An invitation exists for this wave: a mail sent, or a personal link handed out in a file. */
  invited: boolean;
  /** The last mail to them bounced or failed permanently. */
  bounced: boolean;
  /** The personal link was opened. */
  opened: boolean;
  /** They opted out before completing this wave. */
  optedOut: boolean;
  /**
   * Their response, if they started one. `closed`: the wave is over or the response is final;
   * while a wave is open an unfinished response is only 'started'.
   */
  response?: {
    status: 'in_progress' | 'complete' | 'screened_out' | 'abandoned';
    completionShare: number;
    closed: boolean;
  };
}

export interface DispositionRule {
  /** An unfinished final response at or above this completion share is a partial. */
  partialShare: number;
}

/** The reference report kept respondents who completed at least 50% of the questionnaire. */
export const defaultDispositionRule: DispositionRule = { partialShare: 0.5 };

function checkShare(value: number, name: string, what: string): void {
  if (!(value >= 0 && value <= 1))
    throw new StatsError(`${what} requires ${name} to be a number between 0 and 1, not ${value}.`);
}

/**
 * One panelist's disposition in one wave. Precedence: complete > screened_out > an unfinished
 * response (final: partial or break_off by completion share; wave still open: started) >
 * opted_out > opened > bounced > invited > not_invited.
 */
export function classify(
  facts: PanelistWaveFacts,
  rule: DispositionRule = defaultDispositionRule,
): Disposition {
  checkShare(rule.partialShare, 'partialShare', 'classify');
  const response = facts.response;
  if (response) {
    if (response.status === 'complete') return 'complete';
    if (response.status === 'screened_out') return 'screened_out';
    checkShare(response.completionShare, 'completionShare', 'classify');
    if (response.status === 'in_progress' && !response.closed) return 'started';
    return response.completionShare >= rule.partialShare ? 'partial' : 'break_off';
  }
  if (facts.optedOut) return 'opted_out';
  if (facts.opened) return 'opened';
  if (facts.bounced) return 'bounced';
  if (facts.invited) return 'invited';
  return 'not_invited';
}

/** AAPOR's outcome classes: the letters of the rate formulas. */
export type AaporCode = 'I' | 'P' | 'R' | 'NC' | 'O' | 'UH' | 'UO' | 'NE';

// A panel of known eligible members invited by name on the web; docs/analysis.md says why.
const aaporCodes: Readonly<Record<Disposition, AaporCode>> = {
  complete: 'I',
  partial: 'P',
  break_off: 'R',
  opted_out: 'R',
  opened: 'R',
  invited: 'NC',
  started: 'NC',
  bounced: 'UO',
  not_invited: 'UH',
  screened_out: 'NE',
};

export function aaporCode(d: Disposition): AaporCode {
  return aaporCodes[d];
}

export type Counts = Record<AaporCode, number>;

const allCodes: readonly AaporCode[] = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'];

/**
 * Cases by AAPOR code. Panelists not invited to the wave are left out of every rate unless
 * `includeNotInvited` (then they count as UH).
 */
export function counts(
  dispositions: readonly Disposition[],
  options: { includeNotInvited?: boolean } = {},
): Counts {
  const c: Counts = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
  for (const d of dispositions) {
    if (d === 'not_invited' && !options.includeNotInvited) continue;
    c[aaporCode(d)]++;
  }
  return c;
}

export const rateNames = [
  'RR1',
  'RR2',
  'RR3',
  'RR4',
  'RR5',
  'RR6',
  'COOP1',
  'COOP2',
  'COOP3',
  'COOP4',
  'REF1',
  'REF2',
  'REF3',
  'CON1',
  'CON2',
  'CON3',
] as const;
export type RateName = (typeof rateNames)[number];

/** A rate, or why it has no value (never NaN or Infinity). */
export type Rate = { value: number } | { value: null; reason: string };

/** e, the share of cases of unknown eligibility (UH + UO) taken to be eligible. */
export type EligibleShare =
  | { value: number; source: 'given' | 'estimated' }
  | { value: null; source: 'estimated'; reason: string };

export type OutcomeRates = Record<RateName, Rate> & { e: EligibleShare };

type Numerator = 'I' | '(I+P)' | 'R' | '(I+P)+R+O';
const denominators = {
  all: '(I+P) + (R+NC+O) + (UH+UO)',
  withE: '(I+P) + (R+NC+O) + e(UH+UO)',
  known: '(I+P) + (R+NC+O)',
  contactedWithOther: '(I+P) + R + O',
  contacted: '(I+P) + R',
} as const;
type Denominator = keyof typeof denominators;

const formulas: Readonly<Record<RateName, readonly [Numerator, Denominator]>> = {
  RR1: ['I', 'all'],
  RR2: ['(I+P)', 'all'],
  RR3: ['I', 'withE'],
  RR4: ['(I+P)', 'withE'],
  RR5: ['I', 'known'],
  RR6: ['(I+P)', 'known'],
  COOP1: ['I', 'contactedWithOther'],
  COOP2: ['(I+P)', 'contactedWithOther'],
  COOP3: ['I', 'contacted'],
  COOP4: ['(I+P)', 'contacted'],
  REF1: ['R', 'all'],
  REF2: ['R', 'withE'],
  REF3: ['R', 'known'],
  CON1: ['(I+P)+R+O', 'all'],
  CON2: ['(I+P)+R+O', 'withE'],
  CON3: ['(I+P)+R+O', 'known'],
};

/**
 * e: given, or estimated as the eligible share among resolved cases,
 * (I+P+R+NC+O) / (I+P+R+NC+O+NE) (proportional allocation, the CASRO method).
 */
function eligibleShare(c: Counts, given: number | undefined): EligibleShare {
  if (given !== undefined) {
    if (!(given >= 0 && given <= 1))
      throw new StatsError(
        `rates requires the option e (the eligible share of cases of unknown eligibility) to be a number between 0 and 1, not ${given}.`,
      );
    return { value: given, source: 'given' };
  }
  const eligible = c.I + c.P + c.R + c.NC + c.O;
  if (eligible + c.NE === 0)
    return {
      value: null,
      source: 'estimated',
      reason: 'not defined: no resolved cases to estimate it from (I+P+R+NC+O+NE = 0)',
    };
  return { value: eligible / (eligible + c.NE), source: 'estimated' };
}

/** Every AAPOR response, cooperation, refusal and contact rate from the counts. */
export function rates(c: Counts, options: { e?: number } = {}): OutcomeRates {
  for (const code of allCodes)
    if (!(Number.isFinite(c[code]) && c[code] >= 0))
      throw new StatsError(
        `rates requires counts that are numbers of at least 0; ${code} is ${c[code]}.`,
      );
  const e = eligibleShare(c, options.e);
  const unknown = c.UH + c.UO;
  const known = c.I + c.P + c.R + c.NC + c.O;
  // With no unknown cases the e term is 0 whatever e is.
  const eUnknown = unknown === 0 ? 0 : e.value === null ? null : e.value * unknown;
  const numerators: Record<Numerator, number> = {
    I: c.I,
    '(I+P)': c.I + c.P,
    R: c.R,
    '(I+P)+R+O': c.I + c.P + c.R + c.O,
  };
  const denominatorValues: Record<Denominator, number | null> = {
    all: known + unknown,
    withE: eUnknown === null ? null : known + eUnknown,
    known,
    contactedWithOther: c.I + c.P + c.R + c.O,
    contacted: c.I + c.P + c.R,
  };
  const result = { e } as OutcomeRates;
  for (const name of rateNames) {
    const [numerator, denominator] = formulas[name];
    const d = denominatorValues[denominator];
    result[name] =
      d === null
        ? {
            value: null,
            reason:
              'not defined: e is not defined and there are cases of unknown eligibility (UH+UO)',
          }
        : d === 0
          ? {
              value: null,
              reason: `not defined: no cases in the denominator (${denominators[denominator]})`,
            }
          : { value: numerators[numerator] / d };
  }
  return result;
}

/** One panelist across waves: consent to re-contact, and which waves they completed. */
export interface PanelistRecord {
  panelist: string;
  consented: boolean;
  /** Wave id -> completed (as the study counts it, e.g. complete or partial); missing = no. */
  completed: Readonly<Record<string, boolean>>;
}

/** A share with its integer counts; value = numerator / denominator, or null and why. */
export type Share =
  | { numerator: number; denominator: number; value: number }
  | { numerator: 0; denominator: 0; value: null; reason: string };

function share(numerator: number, denominator: number, reason: string): Share {
  return denominator === 0
    ? { numerator: 0, denominator: 0, value: null, reason }
    : { numerator, denominator, value: numerator / denominator };
}

function wavePosition(waves: readonly string[], wave: string, what: string): number {
  if (new Set(waves).size !== waves.length)
    throw new StatsError(`${what} requires wave ids that are all different.`);
  const i = waves.indexOf(wave);
  if (i < 0) throw new StatsError(`${what} requires a wave listed in waves; '${wave}' is not.`);
  return i;
}

function waveToWave(
  records: readonly PanelistRecord[],
  waves: readonly string[],
  wave: string,
  what: string,
) {
  const i = wavePosition(waves, wave, what);
  if (i === 0)
    throw new StatsError(`${what} requires a wave after the first; '${wave}' is the first.`);
  const previous = waves[i - 1]!;
  const base = records.filter((r) => r.consented && r.completed[previous] === true);
  const retained = base.filter((r) => r.completed[wave] === true).length;
  const reason = `not defined: no panelist who consented to re-contact completed wave '${previous}'`;
  return { base: base.length, retained, reason };
}

/**
 * Among panelists who completed the wave before `wave` and consented to re-contact, the share
 * who completed `wave`.
 */
export function waveToWaveRetention(
  records: readonly PanelistRecord[],
  waves: readonly string[],
  wave: string,
): Share {
  const { base, retained, reason } = waveToWave(records, waves, wave, 'waveToWaveRetention');
  return share(retained, base, reason);
}

/** 1 − waveToWaveRetention: the share of the same panelists who did not complete `wave`. */
export function attrition(
  records: readonly PanelistRecord[],
  waves: readonly string[],
  wave: string,
): Share {
  const { base, retained, reason } = waveToWave(records, waves, wave, 'attrition');
  return share(base - retained, base, reason);
}

/**
 * Among panelists who completed wave `from` and consented to re-contact, the share who
 * completed every wave after it up to and including `to`.
 */
export function cumulativeRetention(
  records: readonly PanelistRecord[],
  waves: readonly string[],
  from: string,
  to: string,
): Share {
  const i = wavePosition(waves, from, 'cumulativeRetention');
  const j = wavePosition(waves, to, 'cumulativeRetention');
  if (j <= i)
    throw new StatsError(`cumulativeRetention requires '${to}' to come after '${from}' in waves.`);
  const later = waves.slice(i + 1, j + 1);
  const base = records.filter((r) => r.consented && r.completed[from] === true);
  const retained = base.filter((r) => later.every((w) => r.completed[w] === true)).length;
  return share(
    retained,
    base.length,
    `not defined: no panelist who consented to re-contact completed wave '${from}'`,
  );
}
