/**
 * `longitude fieldwork status --study S [--wave W] [--e X] [--partials] [--json]`: each wave's
 * panel dispositions, AAPOR codes and outcome rates, retention across waves, and how the wave's
 * responses came in.
 */
import { aaporCode, rateNames, type Rate, type Share } from '../../analysis/response-rates.js';
import {
  dispositionOrder,
  fieldworkStatus,
  type FieldworkStatus,
  type ResponseBreakdown,
  type WaveStatus,
} from '../../fieldwork/dispositions.js';
import { Problem } from '../../problems/problem.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

export interface FieldworkStatusFlags extends DatabaseFlags {
  study: string;
  wave?: string;
  e?: string;
  partials?: boolean;
  json?: boolean;
}

/** The --e flag as a number in [0, 1]. */
function eligibleShare(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const e = text.trim() === '' ? NaN : Number(text);
  if (!(e >= 0 && e <= 1))
    throw new Problem(
      'input.invalid',
      `--e must be a number between 0 and 1 (the share of cases of unknown eligibility taken to be eligible), not '${text}'.`,
      { field: 'e' },
    );
  return e;
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const notDefined = (reason: string) => `not defined (${reason.replace(/^not defined: /, '')})`;

function rate(r: Rate): string {
  return r.value === null ? notDefined(r.reason) : percent(r.value);
}

function share(s: Share): string {
  return s.value === null
    ? notDefined(s.reason)
    : `${percent(s.value)} (${s.numerator}/${s.denominator})`;
}

/** Rows padded to aligned columns, indented. */
function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.length)));
  return rows.map((r) =>
    (
      indent + r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]!))).join('  ')
    ).trimEnd(),
  );
}

function breakdown(title: string, counts: Partial<Record<string, number>>): string[] {
  const rows = Object.entries(counts)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
    .map(([k, n]) => [k, String(n)]);
  return [`  ${title}`, ...(rows.length ? table(rows, '    ') : ['    (none)'])];
}

function responses(r: ResponseBreakdown): string[] {
  return [
    `  Responses in this wave (panel or not): ${r.total}`,
    ...breakdown('by channel', r.byChannel),
    ...breakdown('by phase at start', r.byPhase),
    ...breakdown('by language', r.byLanguage),
    ...breakdown('by status', r.byStatus),
  ];
}

function wave(w: WaveStatus): string[] {
  const out = [
    '',
    `Wave ${w.wave} (${w.phase})`,
    `  Joined the panel in this wave: ${w.entered}`,
    `  Panelists from earlier waves: ${w.panelists}`,
  ];
  if (w.panelists > 0) {
    out.push(
      '',
      ...table([
        ['disposition', 'n', 'AAPOR'],
        ...dispositionOrder.map((d) => [
          d,
          String(w.dispositions[d]),
          d === 'not_invited' ? '(left out of the rates)' : aaporCode(d),
        ]),
      ]),
      '',
      ...table([['code', 'n'], ...Object.entries(w.codes).map(([c, n]) => [c, String(n)])]),
      '',
      ...table([['rate', 'value'], ...rateNames.map((name) => [name, rate(w.rates[name])])]),
      `  e = ${w.rates.e.value === null ? notDefined(w.rates.e.reason) : w.rates.e.value.toFixed(3)} (${w.rates.e.source})`,
    );
  }
  out.push('', ...responses(w.responses));
  return out;
}

export function printFieldworkStatus(status: FieldworkStatus, io: Io): void {
  const lines = [
    `Study ${status.study}, as of ${status.asOf.toISOString()}`,
    `Partial: an unfinished final response with at least ${percent(status.rule.partialShare)} of its items answered (the study's panel.partial_share); below that, a break-off.`,
    ...status.waves.flatMap(wave),
  ];
  if (status.retention.length > 0) {
    const first = status.retention[0]!.first;
    lines.push(
      '',
      status.retentionCounts === 'complete'
        ? 'Retention: a wave counts as completed with a complete response only (--partials counts partials too)'
        : 'Retention: a wave counts as completed with a complete or partial response',
      ...table([
        ['wave', 'from', 'wave-to-wave', 'attrition', `cumulative from ${first}`],
        ...status.retention.map((r) => [
          r.wave,
          r.previous,
          share(r.waveToWave),
          share(r.attrition),
          share(r.cumulative),
        ]),
      ]),
    );
  }
  io.out(lines.join('\n'));
}

export async function fieldworkStatusCommand(flags: FieldworkStatusFlags, io: Io): Promise<number> {
  const e = eligibleShare(flags.e);
  return withStore(flags, io, async (store) => {
    const status = await fieldworkStatus({ db: store.db, now: () => new Date() }, flags.study, {
      ...(flags.wave !== undefined ? { wave: flags.wave } : {}),
      ...(e !== undefined ? { e } : {}),
      partialsRetained: flags.partials === true,
    });
    if (flags.json) io.out(JSON.stringify(status, null, 2));
    else printFieldworkStatus(status, io);
    return 0;
  });
}
