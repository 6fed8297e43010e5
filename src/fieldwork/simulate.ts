/**
 * Simulated fieldwork: respondents who take the path real respondents take (start or panel
 * code, page by page through `submitPage`, panel enrolment at the end) on a simulated clock,
 * with planted problems whose ground truth is returned. The figures it is calibrated to are
 * listed in simulate-targets.ts.
 *
 * Shares are planted exactly where they can be (problem counts, enrolment, panel response:
 * round(share × n) by a seeded shuffle) and attitudes are cut at ranks within the wave's
 * respondents, so what remains is the sampling error of which people end up clean and complete.
 */
import { median } from '../analysis/quality/median.js';
import { Problem } from '../problems/problem.js';
import type { Questionnaire } from '../questionnaire/compile.js';
import { applicability } from '../questionnaire/flow.js';
import type { FormValues } from '../questionnaire/validate.js';
import { hashToken } from '../security/tokens.js';
import type { ResponseRow } from '../store/queries/responses.js';
import type { FieldworkContext } from './context.js';
import { enrol, joinWithPanelCode } from './panel.js';
import { loadResponseFacts } from './quality.js';
import {
  intendedForm,
  personLanguage,
  typedAnswers,
  type MigrationStatus,
} from './simulate-person.js';
import { mulberry32, normal, seededBytes, stream, type Uniform } from './simulate-random.js';
import { marginals, panelTargets } from './simulate-targets.js';
import { currentPageIndex, recordSignals, startResponse, submitPage } from './survey.js';
import { loadSurveyWave, type SurveyWave } from './survey-wave.js';

/**
 * Planted problems. Speeders take about 0.3 of a typical respondent's time, far below the
 * speeder rule's default of 0.5 of the wave's median; speeders near the threshold take between
 * 0.4 and 0.6 of the median itself (their truth says which side of 0.5 each one is on), so the
 * rule finds those at or below its fraction and by design not the others.
 */
export const problemKinds = [
  'speeder',
  'near_threshold_speeder',
  'straightliner',
  'duplicate',
  'near_duplicate',
  'honeypot',
  'ineligible',
] as const;
export type ProblemKind = (typeof problemKinds)[number];

export interface PanelMember {
  /** The simulated person, whose traits carry over to later waves. */
  person: string;
  panelCode: string;
  pseudonym: string;
}

export interface SimulationOptions {
  studyId: string;
  waveId: string;
  /** Responses to start in this wave, returning panelists included. */
  n: number;
  seed: number;
  /**
   * Share of new respondents with each planted problem (default 0.04 each); speeders, speeders
   * near the threshold and straightliners are planted at the same shares among returning ones.
   */
  problems?: Partial<Record<ProblemKind, number>>;
  /** Share of clean new respondents who stop part-way (default 0.1). */
  breakoff?: number;
  /** Share of complete respondents who join the panel (default 1,032 of 1,680). */
  enrolShare?: number;
  /** Panelists of earlier waves, invited to this one (60% complete, 10% partly). */
  returning?: PanelMember[];
  /** Fieldwork window when the wave has no dates: from `start`, `days` long (default 14). */
  start?: Date;
  days?: number;
  /** Pages saved faster than this count as too fast, as in the web app (default 2,000 ms). */
  minPageMs?: number;
  /** Stops the simulation between respondents (a server stopping mid-way). */
  signal?: AbortSignal;
}

export interface TruthRow {
  responseId: string;
  person: string;
  problem: ProblemKind | null;
  eligible: boolean;
  /** A panelist of an earlier wave, come back with their panel code. */
  returning: boolean;
  complete: boolean;
  /** Joined the panel at the end of this response. */
  enrolled: boolean;
  /** For duplicates: the response copied. */
  duplicateOf?: string;
  /** Back in Russia at the time of this wave. */
  returned: boolean;
  /** Seconds from the first page shown to the last saved. */
  seconds: number;
  /**
   * For complete speeders near the threshold: their duration over the median duration of the
   * wave's complete responses, both as the speeder rule computes them (the sum of the times
   * between each page shown and saved) with everything in the wave when it was simulated.
   */
  medianShare?: number;
}

export interface SimulationResult {
  studyId: string;
  waveId: string;
  seed: number;
  responses: TruthRow[];
  /** Everyone in the panel after this wave: the returning list and those who joined now. */
  panel: PanelMember[];
  counts: {
    responses: number;
    complete: number;
    returningInvited: number;
    returningComplete: number;
    enrolled: number;
    problems: Record<ProblemKind, number>;
  };
}

interface Session {
  person: string;
  panelCode?: string;
  problem: ProblemKind | null;
  status: MigrationStatus;
  breakoff: boolean;
  returned: boolean;
  start: number;
  source?: Session;
  latent: Record<string, number>;
  /** Chosen before the wave runs to join the panel at its end. */
  willEnrol?: boolean;
  /** Filled while running. */
  responseId?: string;
  forms?: Map<string, FormValues>;
  end?: number;
  truth?: TruthRow;
}

const day = 24 * 3600 * 1000;

function shuffle<T>(u: Uniform, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function simulateWave(
  ctx: FieldworkContext,
  o: SimulationOptions,
): Promise<SimulationResult> {
  const sw = await loadSurveyWave(ctx.db, o.studyId, o.waveId);
  const waveIndex = sw.study.waves.findIndex((w) => w.id === o.waveId);
  const waveNumber = waveIndex <= 0 ? 1 : 2;
  const u = mulberry32(o.seed ^ 0x5eed);
  const window = fieldworkWindow(sw, o);

  // Returning panelists: exact shares complete, partial, absent.
  // A lasting trait: the most loyal panelists come back complete, the next ones partly.
  const invited = [...(o.returning ?? [])].sort(
    (a, b) => loyalty(o.seed, b.person) - loyalty(o.seed, a.person),
  );
  const nComplete = Math.round(panelTargets.completeShare * invited.length);
  const nPartial = Math.round(panelTargets.partialShare * invited.length);
  const sessions: Session[] = invited.slice(0, nComplete + nPartial).map((m, i) => ({
    person: m.person,
    panelCode: m.panelCode,
    problem: null,
    status: 'left_after',
    breakoff: i >= nComplete,
    returned: false,
    start: window.panelFrom + u() * (window.to - window.panelFrom),
    latent: {},
  }));
  const returningCount = sessions.length;
  const nNew = Math.max(0, o.n - returningCount);
  const fresh: Session[] = Array.from({ length: nNew }, (_, i) => ({
    person: `${o.waveId}:${i}`,
    problem: null,
    status: 'left_after',
    breakoff: false,
    returned: false,
    start: window.openFrom + u() * (window.to - window.openFrom),
    latent: {},
  }));
  plantProblems(u, fresh, o.problems ?? {}, [
    'speeder',
    'straightliner',
    'duplicate',
    'near_duplicate',
    'honeypot',
    'ineligible',
    'near_threshold_speeder',
  ]);
  plantProblems(u, sessions, o.problems ?? {}, [
    'speeder',
    'straightliner',
    'near_threshold_speeder',
  ]);
  const clean = shuffle(
    u,
    fresh.filter((s) => s.problem === null),
  );
  clean.slice(0, Math.round((o.breakoff ?? 0.1) * nNew)).forEach((s) => (s.breakoff = true));
  for (const s of fresh)
    if (s.problem === 'ineligible')
      s.status = (['left_before', 'left_before', 'planning', 'staying'] as const)[
        Math.floor(u() * 4)
      ]!;
  const completeClean = fresh.filter((s) => s.problem === null && !s.breakoff);
  for (const s of fresh)
    if (s.problem === 'duplicate' || s.problem === 'near_duplicate') {
      s.source = completeClean[Math.floor(u() * completeClean.length)];
      // A copy starts 1 to 48 hours after its source, before the wave closes, and never before
      // its source: the rules flag the later of the two.
      if (s.source)
        s.start =
          s.source.start +
          Math.max(60_000, Math.min((1 + u() * 47) * 3600_000, window.to - s.source.start));
    }
  const consent = sw.study.panel?.consent.version;
  if (consent !== undefined) {
    const enrollable = shuffle(
      u,
      fresh.filter(
        (s) =>
          !s.breakoff &&
          s.status === 'left_after' &&
          [null, 'speeder', 'straightliner', 'near_threshold_speeder'].includes(s.problem),
      ),
    );
    const take = Math.round((o.enrolShare ?? panelTargets.enrolShare) * enrollable.length);
    enrollable.slice(0, take).forEach((s) => (s.willEnrol = true));
  }
  // Attitudes are ranked within strata, so that each analysis sample (clean and complete, the
  // panelists who will come back, the returning panelists) has the marginals exactly.
  const joining = fresh.filter((s) => s.willEnrol);
  const loyalCut = [...joining.map((s) => loyalty(o.seed, s.person))].sort((a, b) => b - a)[
    Math.round(panelTargets.completeShare * joining.length) - 1
  ];
  const stratum = (s: Session) =>
    [
      s.panelCode ? 'returning' : 'new',
      s.problem,
      s.breakoff,
      s.willEnrol === true && loyalCut !== undefined && loyalty(o.seed, s.person) >= loyalCut,
    ].join('|');
  const strata = new Map<string, Session[]>();
  for (const s of [...sessions, ...fresh]) {
    if (s.problem === 'speeder' || s.problem === 'honeypot' || s.source) continue;
    strata.set(stratum(s), [...(strata.get(stratum(s)) ?? []), s]);
  }
  for (const group of strata.values()) rankLatent(o.seed, group, waveNumber);

  // Copies run after their sources; speeders near the threshold run last, when the median they
  // are timed against is known.
  const late = (s: Session) => (s.problem === 'near_threshold_speeder' ? 2 : s.source ? 1 : 0);
  const ordered = [...sessions, ...fresh].sort((a, b) => late(a) - late(b) || a.start - b.start);
  const truth: TruthRow[] = [];
  let medianSeconds: number | undefined;
  for (const [i, s] of ordered.entries()) {
    // The embedded database answers within the same turn of the event loop: give the rest of
    // the process (a server's requests, a stop signal) its turn between respondents.
    await new Promise((resolve) => setImmediate(resolve));
    o.signal?.throwIfAborted();
    if (late(s) === 2 && medianSeconds === undefined)
      medianSeconds = await medianWith(
        ctx,
        o,
        ordered.slice(i).filter((t) => !t.breakoff),
      );
    const row = await runSession(ctx, sw, o, s, waveNumber, i, medianSeconds);
    truth.push(row);
  }

  // Panel enrolment at the end of complete responses of new respondents.
  const panel: PanelMember[] = [...(o.returning ?? [])];
  if (consent !== undefined) {
    for (const s of fresh.filter((f) => f.willEnrol && f.truth?.complete)) {
      const at = {
        ...ctx,
        now: () => new Date(s.end!),
        random: seededBytes(stream(o.seed, 'enrol', s.person)),
      };
      const e = await enrol(at, s.responseId!, { kind: 'code' }, consent);
      if (!e.panelCode || !e.pseudonym) continue;
      s.truth!.enrolled = true;
      panel.push({ person: s.person, panelCode: e.panelCode, pseudonym: e.pseudonym });
    }
  }
  const problems = Object.fromEntries(
    problemKinds.map((k) => [k, truth.filter((t) => t.problem === k).length]),
  ) as Record<ProblemKind, number>;
  return {
    studyId: o.studyId,
    waveId: o.waveId,
    seed: o.seed,
    responses: truth,
    panel,
    counts: {
      responses: truth.length,
      complete: truth.filter((t) => t.complete).length,
      returningInvited: invited.length,
      returningComplete: truth.filter((t) => t.returning && t.complete).length,
      enrolled: truth.filter((t) => t.enrolled).length,
      problems,
    },
  };
}

/**
 * The median duration of the wave's complete responses that the speeder rule will compute once
 * `faster` (speeders near the threshold, each to take at most 0.6 of it) have completed too:
 * each of them adds a value below the median, as a zero would.
 */
async function medianWith(
  ctx: FieldworkContext,
  o: SimulationOptions,
  faster: Session[],
): Promise<number> {
  const facts = await loadResponseFacts(ctx.db, o.studyId, o.waveId);
  const durations = facts
    .filter((f) => f.status === 'complete' && f.durationSeconds !== null && f.durationSeconds >= 0)
    .map((f) => f.durationSeconds!);
  return median([...durations, ...faster.map(() => 0)]) ?? 0;
}

/** A person's lasting willingness to answer again, in [0, 1). */
function loyalty(seed: number, person: string): number {
  return stream(seed, 'loyalty', person)();
}

function fieldworkWindow(sw: SurveyWave, o: SimulationOptions) {
  const w = sw.wave;
  const days = o.days ?? 14;
  const from =
    w.panelOpensAt?.getTime() ??
    w.opensAt?.getTime() ??
    o.start?.getTime() ??
    Date.now() - days * day;
  const openFrom = w.opensAt?.getTime() ?? from;
  const to = w.closesAt?.getTime() ?? Math.max(from, openFrom) + days * day;
  // Leave room for the longest response before the wave closes.
  return { panelFrom: from, openFrom, to: to - 3 * 3600_000 };
}

function plantProblems(
  u: Uniform,
  list: Session[],
  rates: Partial<Record<ProblemKind, number>>,
  kinds: ProblemKind[],
): void {
  const order = shuffle(u, list);
  let at = 0;
  for (const kind of kinds) {
    const count = Math.round((rates[kind] ?? 0.04) * list.length);
    for (const s of order.slice(at, at + count)) s.problem = kind;
    at += count;
  }
}

/**
 * How much each feeling follows a person's mood in the wave (±0.56 between two of them). Drawn
 * apart, being happy most of the time would be as common among the sad as among anyone, which
 * real answers are not; and the same frequency for all three would be needlessly common.
 */
const moodLoading: Record<string, number> = {
  feel_depressed: 0.75,
  feel_sad: 0.75,
  feel_happy: -0.75,
};

/** A person's latent value in a wave: `z` in the first, correlated `rho` with it in later ones. */
function inWave(
  seed: number,
  person: string,
  name: string,
  z: number,
  rho: number,
  waveNumber: number,
): number {
  if (waveNumber === 1) return z;
  return rho * z + Math.sqrt(1 - rho * rho) * normal(stream(seed, 'e', person, name, waveNumber));
}

/** A latent position per attitude: stable for a person, correlated between waves, ranked. */
function rankLatent(seed: number, group: Session[], waveNumber: number): void {
  const names = [...marginals.map((m) => m.variable), 'drop', 'return'];
  for (const name of names) {
    const rho = name === 'drop' ? 0.8 : (marginals.find((m) => m.variable === name)?.rho ?? 0.6);
    const mood = moodLoading[name];
    const xs = group.map((s) => {
      const z = normal(stream(seed, 'z', s.person, name));
      if (name === 'return') return 0.5 * normal(stream(seed, 'z', s.person, 'income')) + 0.87 * z;
      const x = inWave(seed, s.person, name, z, rho, waveNumber);
      // Feelings share a person's mood in the wave: depressed and sad together, happy the other way.
      if (mood === undefined) return x;
      const m = inWave(
        seed,
        s.person,
        'mood',
        normal(stream(seed, 'z', s.person, 'mood')),
        0.6,
        waveNumber,
      );
      return mood * m + Math.sqrt(1 - mood * mood) * x;
    });
    const ranked = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    ranked.forEach(([, i], rank) => (group[i]!.latent[name] = (rank + 0.5) / group.length));
  }
  for (const s of group) {
    s.latent.income = normal(stream(seed, 'z', s.person, 'income'));
    s.returned =
      waveNumber > 1 &&
      s.status === 'left_after' &&
      s.latent.return! >= 1 - panelTargets.returnedShare;
    // Returnees are more attached to Russia (report line 342): a step up their latent scale.
    if (s.returned && s.latent.attach_russia !== undefined)
      s.latent.attach_russia = Math.min(0.999, s.latent.attach_russia + 0.1);
    delete s.latent.return;
  }
  const back = group.filter((s) => s.returned);
  const order = back
    .map((s, i) => [normal(stream(seed, 'z', s.person, 'leave')), i] as const)
    .sort((a, b) => a[0] - b[0]);
  order.forEach(([, i], rank) => (back[i]!.latent.leave = (rank + 0.5) / back.length));
}

async function runSession(
  base: FieldworkContext,
  sw: SurveyWave,
  o: SimulationOptions,
  s: Session,
  waveNumber: number,
  index: number,
  /** The wave's median duration, for speeders near the threshold. */
  medianSeconds?: number,
): Promise<TruthRow> {
  const u = stream(o.seed, 'session', o.waveId, s.person, index);
  let clock = Math.round(s.start);
  const ctx: FieldworkContext = { ...base, now: () => new Date(clock), random: seededBytes(u) };
  const language = personLanguage(o.seed, s.person);
  const q = sw.questionnaire;
  const today = new Date(clock).toISOString().slice(0, 10);
  let form: FormValues;
  if (s.source?.forms) {
    form = Object.assign({}, ...s.source.forms.values()) as FormValues;
    if (s.problem === 'near_duplicate') nudge(q, form, today, u);
  } else
    form = intendedForm(q, {
      seed: o.seed,
      person: s.person,
      waveNumber,
      status: s.status,
      returned: s.returned,
      latent: s.latent,
      random: s.problem === 'speeder' || s.problem === 'honeypot',
      straightline: s.problem === 'straightliner' ? Math.floor(u() * 3) : undefined,
      today,
    });
  let response: ResponseRow;
  if (s.panelCode) {
    const joined = await joinWithPanelCode(ctx, sw, s.panelCode, { language });
    if (!joined) throw new Problem('input.invalid', `Panel code of ${s.person} leads nowhere.`);
    response = joined.response;
  } else {
    const channels = sw.study.channels ?? [];
    const channel = channels.length > 0 ? channels[Math.floor(u() * channels.length)]!.code : null;
    response = (
      await startResponse(ctx, sw, {
        channelCode: channel,
        language,
        // A simulated browser: the same person, the same device within the study.
        deviceHash: hashToken(`simulated-device:${sw.wave.studyId}:${s.person}`),
      })
    ).response;
  }
  const applies = applicability(q, typedAnswers(q, form), { today }).variables;
  const pages = q.pages.length;
  const stopAt = s.breakoff ? 1 + Math.floor(u() * Math.max(1, pages - 2)) : Infinity;
  const forms = new Map<string, FormValues>();
  const first = clock;
  const firstPage = currentPageIndex(sw, response, ctx);
  const answeredOn = (index: number) =>
    q.variables.filter(
      (v) => v.pageIndex === index && applies.has(v.name) && form[v.name] !== undefined,
    ).length;
  const planned =
    s.problem === 'near_threshold_speeder' && firstPage !== 'end'
      ? nearThreshold(
          q,
          [...applicability(q, typedAnswers(q, form), { today }).pages]
            .filter((p) => p >= firstPage)
            .sort((a, b) => a - b),
          answeredOn,
          medianSeconds,
          u,
        )
      : undefined;
  let active = 0;
  let saved = 0;
  for (let next = firstPage; next !== 'end' && saved < stopAt; saved++) {
    const page = q.pages[next]!;
    const pageForm: FormValues = {};
    for (const v of q.variables)
      if (v.pageIndex === next && applies.has(v.name) && form[v.name] !== undefined)
        pageForm[v.name] = form[v.name];
    forms.set(page.page.id, pageForm);
    const shownAt = new Date(clock);
    const millis =
      planned?.get(next) ?? pageMillis(q, next, Object.keys(pageForm).length, s.problem, u);
    clock += millis;
    active += millis;
    const outcome = await submitPage(ctx, sw, response, {
      pageId: page.page.id,
      saveId: Buffer.from(seededBytes(u)(12)).toString('base64url'),
      form: pageForm,
      direction: 'next',
      shownAt,
      language,
    });
    if (outcome.kind !== 'saved')
      throw new Problem(
        'input.invalid',
        `Simulated page '${page.page.id}' of ${s.person} was not saved (${outcome.kind}): ${JSON.stringify(outcome)}`,
      );
    await recordSignals(ctx, response, {
      honeypot: s.problem === 'honeypot' ? 1 : 0,
      too_fast_pages: clock - shownAt.getTime() < (o.minPageMs ?? 2000) ? 1 : 0,
    });
    next = outcome.next;
    response = {
      ...response,
      answers: { ...response.answers, ...typedAnswers(q, pageForm) },
      currentPage: next === 'end' ? null : q.pages[next]!.page.id,
      status: next === 'end' ? 'complete' : response.status,
    };
    clock += 500 + u() * 1500;
  }
  s.responseId = response.id;
  s.forms = forms;
  s.end = clock;
  s.truth = {
    responseId: response.id,
    person: s.person,
    problem: s.problem,
    eligible: s.source ? s.source.status === 'left_after' : s.status === 'left_after',
    returning: s.panelCode !== undefined,
    complete: response.status === 'complete',
    enrolled: false,
    ...(s.source?.responseId ? { duplicateOf: s.source.responseId } : {}),
    returned: s.source ? s.source.returned : s.returned,
    seconds: Math.round((clock - first) / 1000),
    ...(planned && medianSeconds && response.status === 'complete'
      ? { medianShare: active / 1000 / medianSeconds }
      : {}),
  };
  return s.truth;
}

/**
 * Page times of a speeder near the threshold: a typical respondent's, scaled so that they add
 * up to a share between 0.4 and 0.6 of the wave's median (of the person's own typical time
 * when the wave has no median yet).
 */
function nearThreshold(
  q: Questionnaire,
  pages: number[],
  answeredOn: (index: number) => number,
  medianSeconds: number | undefined,
  u: Uniform,
): Map<number, number> {
  const typical = pages.map((p) => pageMillis(q, p, answeredOn(p), null, u));
  const own = typical.reduce((a, b) => a + b, 0);
  const share = 0.4 + 0.2 * u();
  const total = Math.round(share * (medianSeconds ? medianSeconds * 1000 : own));
  const out = new Map<number, number>();
  let left = total;
  pages.forEach((p, i) => {
    const millis =
      i === pages.length - 1
        ? left
        : Math.max(1, Math.min(left - 1, Math.round((typical[i]! * total) / own)));
    out.set(p, millis);
    left -= millis;
  });
  return out;
}

/** Typical seconds on a page: reading, plus a few seconds per question shown. */
function pageMillis(
  q: Questionnaire,
  index: number,
  answered: number,
  problem: ProblemKind | null,
  u: Uniform,
): number {
  const notes = q.pages[index]!.items.filter((i) => i.item.type === 'note').length;
  const typical = 4 + 8 * notes + 6 * answered;
  if (problem === 'honeypot') return 300 + u() * 700;
  const factor = problem === 'speeder' ? 0.3 : 1;
  return Math.round(typical * factor * Math.exp(0.4 * normal(u)) * 1000);
}

/**
 * A near duplicate: one single-choice answer changed to another choice, one that leaves the same
 * questions applicable (a changed route would add or drop answers, and the copy would not be
 * near any more). The copy then shares at least 1 - 1/n of its n answers, at or above the 0.95
 * threshold for any questionnaire of 20 answers or more.
 */
function nudge(q: Questionnaire, form: FormValues, today: string, u: Uniform): void {
  const route = () =>
    [...applicability(q, typedAnswers(q, form), { today }).variables].sort().join(' ');
  const before = route();
  const candidates = q.variables.filter(
    (v) =>
      v.kind === 'select_one' &&
      form[v.name] !== undefined &&
      v.page.id !== 'start' &&
      v.choices.length > 1,
  );
  while (candidates.length > 0) {
    const v = candidates.splice(Math.floor(u() * candidates.length), 1)[0]!;
    const was = form[v.name];
    const others = v.choices.filter((c) => c.name !== was && !c.missing && c.name !== 'other');
    for (const c of shuffle(u, others)) {
      form[v.name] = c.name;
      if (route() === before) return;
    }
    form[v.name] = was;
  }
}
