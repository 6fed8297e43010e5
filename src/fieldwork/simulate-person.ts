/**
 * A simulated person's answers to one wave, as the form fields a browser would send. Traits
 * that do not change (gender, year of birth, when they left) come from the person's own stream;
 * attitudes come from their place on a latent scale (`latent`, a share in [0, 1) ranked within
 * the wave's respondents, see simulate.ts), cut at the wave's marginal shares.
 */
import type { Answers, AnswerValue } from '../questionnaire/answers.js';
import type { Questionnaire } from '../questionnaire/compile.js';
import type { FormValues } from '../questionnaire/validate.js';
import type { Variable } from '../questionnaire/variables.js';
import {
  between,
  normalCdf,
  pickIndex,
  pickOne,
  pickWeighted,
  stream,
  type Uniform,
} from './simulate-random.js';
import {
  employmentBefore,
  employmentMoves,
  incomeBefore,
  incomeDrop,
  leaveAgain,
  marginalOf,
  returnReasons,
} from './simulate-targets.js';

export type MigrationStatus = 'left_after' | 'left_before' | 'planning' | 'staying';

export interface PersonWave {
  seed: number;
  person: string;
  /** 1 for the first wave, 2 for any later one (the report has two). */
  waveNumber: number;
  status: MigrationStatus;
  returned: boolean;
  /** Latent shares by variable, and for `income` and `drop`. */
  latent: Record<string, number>;
  /** Answers drawn at random instead of from the model (speeders, bots). */
  random: boolean;
  /** The position every grid row takes, for straightliners. */
  straightline?: number;
  today: string;
}

const countries: [string, number][] = [
  ['GE', 30],
  ['AM', 15],
  ['TR', 15],
  ['KZ', 10],
  ['RS', 7],
  ['DE', 5],
  ['IL', 5],
  ['AE', 3],
  ['UZ', 3],
  ['KG', 2],
  ['ME', 2],
  ['FI', 1],
  ['LV', 1],
  ['PL', 1],
];

/** Traits that stay with the person in every wave. */
function traits(seed: number, person: string) {
  const u = stream(seed, 'person', person);
  const day = between(u, 0, 24);
  const left = new Date(Date.UTC(2022, 1, 24 + day));
  const leftBefore = new Date(
    Date.UTC(between(u, 2012, 2021), between(u, 0, 11), between(u, 1, 28)),
  );
  return {
    leftDate: left.toISOString().slice(0, 10),
    leftBeforeDate: leftBefore.toISOString().slice(0, 10),
    country: pickWeighted(u, countries),
    gender: pickWeighted(u, [
      ['female', 47],
      ['male', 50],
      ['other', 1],
      ['refuse', 2],
    ]),
    birthYear: String(between(u, 1962, 2002)),
    education: pickWeighted(u, [
      ['secondary', 3],
      ['vocational', 5],
      ['incomplete_higher', 10],
      ['higher', 70],
      ['degree', 12],
    ]),
    marital: pickWeighted(u, [
      ['single', 38],
      ['partner', 55],
      ['divorced', 6],
      ['widowed', 1],
    ]),
    employmentBefore: pickWeighted(u, employmentBefore),
    stayEmployed: u(),
    moveTo: pickWeighted(u, employmentMoves),
    moveTo2: pickWeighted(u, employmentMoves),
    moveCountry: u(),
    newCountry: pickWeighted(u, countries),
    hours: String(between(u, 20, 60)),
  };
}

export function personLanguage(seed: number, person: string): string {
  return stream(seed, 'language', person)() < 0.85 ? 'ru' : 'en';
}

const cut = (share: number, weights: readonly number[]): number => pickIndex(share, weights);

/** The form values this person would send, for every variable they might be asked. */
export function intendedForm(q: Questionnaire, p: PersonWave): FormValues {
  const t = traits(p.seed, p.person);
  const u = stream(p.seed, 'wave', p.person, p.waveNumber);
  const form: FormValues = {};
  const later = p.waveNumber > 1;
  form.migration_status = p.status;
  if (p.status === 'left_after') form.left_date = t.leftDate;
  if (p.status === 'left_before') form.left_date = t.leftBeforeDate;
  const leftMonth = (p.status === 'left_before' ? t.leftBeforeDate : t.leftDate).slice(0, 7);
  const moved = later && t.moveCountry < 0.2 && t.newCountry !== t.country;
  form.country_now = p.returned ? 'RU' : moved ? t.newCountry : t.country;
  const arrived = moved ? `2022-0${between(u, 4, 7)}` : leftMonth;
  form.arrived_month = arrived <= p.today.slice(0, 7) ? arrived : leftMonth;

  const before = cut(normalCdf(p.latent.income ?? 0), incomeBefore);
  const drops = p.returned ? incomeDrop.returnee : later ? incomeDrop.wave2 : incomeDrop.wave1;
  const now = Math.max(0, before - cut(p.latent.drop ?? 0.5, drops));
  const incomeNames = ['food', 'clothes', 'appliances', 'car', 'flat', 'anything'];
  form.income_before = incomeNames[before];
  form.income_now = incomeNames[now];
  form.employment_before = t.employmentBefore;
  const w1 = t.stayEmployed < 0.85 ? t.employmentBefore : t.moveTo;
  form.employment = !later ? w1 : t.stayEmployed < 0.6 ? w1 : t.moveTo2;
  form.work_hours = t.hours;
  form.income_share_russia = String(
    form.employment === 'ru_company' ? between(u, 50, 100) : between(u, 0, 30),
  );

  for (const [name, share] of Object.entries(p.latent)) {
    if (name === 'leave' || name === 'drop' || name === 'income') continue;
    const m = marginalOf.get(name);
    const weights = m && (later ? (m.wave2 ?? m.wave1) : (m.wave1 ?? m.wave2));
    if (m && weights) form[name] = m.order[cut(share, weights)];
  }

  if (p.returned) {
    form.return_month = `2022-0${between(u, 4, 8)}`;
    const reasons = returnReasons.filter(([, share]) => u() < share).map(([name]) => name);
    form.return_reasons = reasons.length > 0 ? reasons : ['other'];
    if (reasons.length === 0) form.return_reasons_other = 'Личные дела';
    form.return_main_reason = reasons[0];
    form.visa_country = pickOne(u, ['DE', 'FI', 'FR', 'US']);
    form.plans_leave_again =
      leaveAgain[
        cut(
          p.latent.leave ?? u(),
          leaveAgain.map((l) => l[1]),
        )
      ]![0];
  }
  form.gender = t.gender;
  form.birth_year = t.birthYear;
  form.education = t.education;
  form.marital = t.marital;
  if (u() < 0.1) form.comments = pickOne(u, ['Спасибо за опрос!', 'Thank you', 'Удачи вам.']);

  if (p.random) randomise(q, form, u);
  if (p.straightline !== undefined) straightline(q, form, p.straightline);
  return form;
}

const screening = new Set(['start', 'where', 'returned']);

function nonMissing(v: Variable): string[] {
  return v.choices.filter((c) => !c.missing && c.name !== 'other').map((c) => c.name);
}

/** Speeders and bots: anything goes after the screening pages. */
function randomise(q: Questionnaire, form: FormValues, u: Uniform): void {
  for (const v of q.variables) {
    if (screening.has(v.page.id)) continue;
    const item = v.item;
    switch (v.kind) {
      case 'select_one':
        form[v.name] = pickOne(u, nonMissing(v));
        break;
      case 'select_multiple':
        form[v.name] = [pickOne(u, nonMissing(v))];
        break;
      case 'rating':
        form[v.name] = String(between(u, v.scale!.min, v.scale!.max));
        break;
      case 'integer':
      case 'decimal': {
        const range = item.type === 'integer' || item.type === 'decimal' ? item : undefined;
        form[v.name] = String(between(u, range?.min ?? 0, range?.max ?? 100));
        break;
      }
      case 'text':
        form[v.name] = u() < 0.3 ? 'good survey, see https://example.invalid' : undefined;
        break;
      default:
        break;
    }
  }
}

function straightline(q: Questionnaire, form: FormValues, position: number): void {
  for (const v of q.variables) {
    if (!v.row || v.kind !== 'select_one') continue;
    const names = nonMissing(v);
    form[v.name] = names[Math.min(position, names.length - 1)];
  }
}

/** The form as typed answers, for the questionnaire's skip logic. */
export function typedAnswers(q: Questionnaire, form: FormValues): Answers {
  const out: Answers = {};
  for (const v of q.variables) {
    const raw = form[v.name];
    if (raw === undefined) continue;
    let value: AnswerValue = Array.isArray(raw) ? raw : raw;
    const numeric = v.kind === 'integer' || v.kind === 'decimal' || v.kind === 'rating';
    if (numeric && typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    if (v.kind === 'select_multiple' && typeof raw === 'string') value = [raw];
    out[v.name] = value;
  }
  return out;
}
