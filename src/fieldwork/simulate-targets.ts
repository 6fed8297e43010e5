/**
 * What the simulator is calibrated to: the figures of the reference report "Six Months in
 * Exile" (/work/shared/reference/six-months-in-exile.md; `line` is the line there), as shares of
 * answer categories of the example study's variables in wave 1 (March, the panel's first answers)
 * and wave 2 (September: panel members for the figures the report compares, the pooled sample
 * for the new ones). Categories run from low to high: a person's place on a latent scale keeps
 * it from wave to wave (correlation `rho`), so panel members move between waves as the two
 * marginals require. Shares marked `chosen` are not in the report's text (only in its figures)
 * and were set to agree with what the text says about them.
 *
 * | figure                                        | variable                 | wave 1 | wave 2 | line |
 * |-----------------------------------------------|--------------------------|--------|--------|------|
 * | left contacts, of complete wave-1 respondents | (enrolment)              | 61.4%  |        | 306  |
 * | panelists completing wave 2                   | (panel response)         |        | 60%    | 93   |
 * | panelists partly completing wave 2            | (panel response)         |        | 10%    | 100  |
 * | income fell 1–2 categories since leaving      | income_before→income_now |        | most   | 115  |
 * | most people can be trusted                    | trust_general            | 46%    | 61%    | 143  |
 * | trust Russians who stayed (tend to + fully)   | trust_stayed             | 50%    | 57%    | 160  |
 * | trust Russians who left (chosen: high)        | trust_left               | 85%    | 85%    | 166  |
 * | trust the local people (chosen: very high)    | trust_locals             | 82%    | 82%    | 168  |
 * | trust the host government (−10 pp)            | trust_host_gov           | 60%    | 50%    | 170  |
 * | experienced discrimination                    | discrimination           | 23%    | 20%    | 172  |
 * | donated to Russian NGOs or media              | civic_donate_ru          | 50%    | 50%    | 176  |
 * | helped other emigrants                        | civic_help_emigrants     | 40%    | 40%    | 176  |
 * | volunteered                                   | civic_volunteer          | 16%    | 22%    | 178  |
 * | helped Ukrainian refugees                     | civic_help_ukrainians    | 37%    | 47%    | 178  |
 * | donated to local NGOs or media                | civic_donate_local       | 10%    | 12%    | 191  |
 * | political posts / petitions                   | pol_posts, pol_petitions | 85%    | 50%    | 193  |
 * | coordinated public events                     | pol_events               | 23%    | 23%    | 193  |
 * | own life better next year                     | outlook_life             | 12%    | 30%    | 204  |
 * | own life worse next year                      | outlook_life             | 37%    | 15%    | 204  |
 * | positive change in Russia none or low (1–2)   | outlook_russia           | 35%    | 35%    | 211  |
 * | positive change in Russia likely (4–5)        | outlook_russia           | 6%     | 7%     | 211  |
 * | interested in Russian politics                | interest_ru_politics     | 92%    | 92%    | 215  |
 * | not interested in local politics              | interest_local_politics  |        | 39%    | 224  |
 * | attachment to Russia high (4–5) / low (1–2)   | attach_russia            |        | 48/33% | 231  |
 * | talk to relatives (almost) daily / monthly    | talk_relatives           |        | 50/37% | 238  |
 * | discuss politics with those in Russia         | discuss_politics         |        | 55%    | 238  |
 * | attachment to host country low / high         | attach_host              |        | 43/25% | 252  |
 * | learning or want to learn the local language  | local_language           | 60%    |        | 261  |
 * | already learning the local language           | local_language           | 15%    | 48%    | 261  |
 * | most or all time with other emigrants         | time_emigrants           |        | 58%    | 263  |
 * | almost never / most or all time with locals   | time_locals              |        | 33/33% | 263  |
 * | likely to stay in host country (4–5)          | stay_likelihood          | 43%    | 70%    | 265  |
 * | depressed most or all of the time             | feel_depressed           |        | 39%    | 281  |
 * | sad most or all of the time                   | feel_sad                 |        | 55%    | 281  |
 * | happy most / all of the time                  | feel_happy               |        | 34/2%  | 281  |
 * | life satisfaction, mean of 1–5                | life_satisfaction        |        | 3.38   | 291  |
 * | back in Russia (panel)                        | country_now = RU         | 0%     | 16%    | 302  |
 * | returnees planning to leave again             | plans_leave_again        |        | 66%    | 302  |
 * | returned: disliked / money / fears / missed / language | return_reasons  |        | 26/20/20/17/6% | 323 |
 * | returnees better off; more attached to Russia | income_now, attach_russia|        | 3.42 vs 3.15 | 342 |
 */

export interface Marginal {
  variable: string;
  /** Answer names (or scale values) from low to high on the latent scale. */
  order: string[];
  wave1?: number[];
  wave2?: number[];
  /** Correlation of a person's latent position between waves. */
  rho?: number;
}

const yesNo = ['no', 'yes'];
const trust4 = ['none', 'little', 'somewhat', 'full'];
const scale5 = ['1', '2', '3', '4', '5'];
const feelings4 = ['none', 'some', 'most', 'all'];
const timeShare = ['almost_never', 'little', 'half', 'most', 'all'];

export const marginals: Marginal[] = [
  {
    variable: 'trust_general',
    order: ['careful', 'most_trusted'],
    wave1: [54, 46],
    wave2: [39, 61],
  },
  { variable: 'trust_stayed', order: trust4, wave1: [20, 30, 38, 12], wave2: [16, 27, 42, 15] },
  { variable: 'trust_left', order: trust4, wave1: [3, 12, 50, 35], wave2: [3, 12, 50, 35] },
  { variable: 'trust_locals', order: trust4, wave1: [4, 14, 52, 30], wave2: [4, 14, 52, 30] },
  { variable: 'trust_host_gov', order: trust4, wave1: [10, 30, 45, 15], wave2: [14, 36, 40, 10] },
  { variable: 'discrimination', order: yesNo, wave1: [77, 23], wave2: [80, 20] },
  { variable: 'civic_donate_ru', order: yesNo, wave1: [50, 50], wave2: [50, 50] },
  { variable: 'civic_help_emigrants', order: yesNo, wave1: [60, 40], wave2: [60, 40] },
  { variable: 'civic_volunteer', order: yesNo, wave1: [84, 16], wave2: [78, 22] },
  { variable: 'civic_help_ukrainians', order: yesNo, wave1: [63, 37], wave2: [53, 47] },
  { variable: 'civic_donate_local', order: yesNo, wave1: [90, 10], wave2: [88, 12] },
  { variable: 'pol_posts', order: yesNo, wave1: [15, 85], wave2: [50, 50] },
  { variable: 'pol_petitions', order: yesNo, wave1: [15, 85], wave2: [50, 50] },
  { variable: 'pol_events', order: yesNo, wave1: [77, 23], wave2: [77, 23] },
  {
    variable: 'outlook_life',
    order: ['much_worse', 'worse', 'same', 'better', 'much_better'],
    wave1: [12, 25, 51, 9, 3],
    wave2: [4, 11, 55, 22, 8],
  },
  {
    variable: 'outlook_russia',
    order: scale5,
    wave1: [15, 20, 59, 5, 1],
    wave2: [15, 20, 58, 5, 2],
  },
  {
    variable: 'interest_ru_politics',
    order: ['not_at_all', 'rather_not', 'rather', 'very'],
    wave1: [2, 6, 37, 55],
    wave2: [2, 6, 37, 55],
  },
  {
    variable: 'interest_local_politics',
    order: ['not_at_all', 'rather_not', 'rather', 'very'],
    wave2: [14, 25, 41, 20],
  },
  { variable: 'attach_russia', order: scale5, wave2: [15, 18, 19, 26, 22] },
  { variable: 'attach_host', order: scale5, wave2: [22, 21, 32, 15, 10] },
  {
    variable: 'talk_relatives',
    order: ['never', 'rarely', 'monthly', 'weekly', 'almost_daily', 'daily'],
    wave2: [2, 5, 37, 6, 22, 28],
  },
  { variable: 'discuss_politics', order: yesNo, wave2: [45, 55] },
  {
    variable: 'local_language',
    order: ['no_plan', 'plan', 'learning', 'speak'],
    wave1: [30, 45, 15, 10],
    wave2: [22, 20, 48, 10],
  },
  { variable: 'time_emigrants', order: timeShare, wave2: [5, 17, 20, 40, 18] },
  { variable: 'time_locals', order: timeShare, wave2: [33, 22, 12, 23, 10] },
  {
    variable: 'stay_likelihood',
    order: scale5,
    wave1: [10, 17, 30, 23, 20],
    wave2: [4, 8, 18, 35, 35],
  },
  { variable: 'feel_depressed', order: feelings4, wave2: [12, 49, 29, 10] },
  { variable: 'feel_sad', order: feelings4, wave2: [6, 39, 40, 15] },
  { variable: 'feel_happy', order: feelings4, wave2: [14, 50, 34, 2] },
  { variable: 'life_satisfaction', order: scale5, wave2: [4, 13, 34, 38, 11] },
];

export const marginalOf = new Map(marginals.map((m) => [m.variable, m]));

/** Shares of the panel and of returnees (report lines 93, 100, 302, 306, 323). */
export const panelTargets = {
  enrolShare: 1032 / 1680,
  completeShare: 0.6,
  partialShare: 0.1,
  returnedShare: 0.16,
};

/**
 * Plans of returnees (line 302: 66% leave again). "Don't know" is a declared missing code, left
 * out of shares: 66 of every 100 who answer plan to leave, and 4 in 104 do not know.
 */
export const leaveAgain: [string, number][] = [
  ['within_months', 40],
  ['later', 26],
  ['no_plans', 34],
  ['dk', 4],
];

/** Reasons for returning, each chosen or not (lines 323–329; the rest chosen). */
export const returnReasons: [string, number][] = [
  ['property', 0.35],
  ['documents', 0.3],
  ['visa', 0.12],
  ['disliked', 0.26],
  ['money', 0.2],
  ['fears', 0.2],
  ['missed', 0.17],
  ['language', 0.06],
  ['family', 0.15],
  ['work', 0.12],
];

/** Income before leaving (codes 1–6) and categories lost since (line 115: 1–2 for most). */
export const incomeBefore = [2, 8, 20, 30, 25, 15];
export const incomeDrop = {
  wave1: [35, 40, 20, 5],
  wave2: [20, 45, 30, 5],
  returnee: [50, 35, 15, 0],
};

export const employmentBefore: [string, number][] = [
  ['ru_company', 42],
  ['intl_company', 20],
  ['freelance', 15],
  ['own_business', 8],
  ['student', 5],
  ['unemployed', 4],
  ['not_working', 3],
  ['other', 3],
];
/** Where those who change occupation go (line 128: away from Russian companies). */
export const employmentMoves: [string, number][] = [
  ['intl_company', 30],
  ['local_company', 25],
  ['freelance', 25],
  ['own_business', 8],
  ['student', 7],
  ['unemployed', 3],
  ['other', 2],
];
