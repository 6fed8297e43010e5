/**
 * The fieldwork timeline: completed responses per day, stacked by recruitment channel, with
 * optional events (the wave opening to new respondents, a reminder) marked on their day.
 */
import {
  checkBase,
  checkCount,
  checkListed,
  checkNonEmpty,
  checkText,
  checkUnique,
  fail,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { legendColumns } from './grouped-bars.js';
import { categorical, mutedTextColor } from './palette.js';
import { fontSize, frame, padding, widthOf } from './style.js';

export interface TimelineDay {
  /** The day, YYYY-MM-DD. */
  date: string;
  channel: string;
  completes: number;
}

export interface TimelineEvent {
  date: string;
  label: string;
}

export interface TimelineInput extends FigureBase {
  /** Channels as the legend names them, in its order; at most 8 (colours told apart). */
  channels: readonly string[];
  days: readonly TimelineDay[];
  events?: readonly TimelineEvent[];
  /** The count axis's title, e.g. "Completed questionnaires". */
  countTitle?: string;
}

function checkDate(value: unknown, field: string): asserts value is string {
  const ok =
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok) fail(field, `must be a day written YYYY-MM-DD, not '${String(value)}'.`);
}

const countAxis = 40;

export function timelineFigure(input: TimelineInput): Figure {
  checkBase(input);
  checkNonEmpty(input.channels, 'channels');
  checkUnique(input.channels, 'channels');
  if (input.channels.length > categorical.length) {
    fail(
      'channels',
      `can hold at most ${categorical.length} channels, told apart by colour; put the smaller ones together first.`,
    );
  }
  checkNonEmpty(input.days, 'days');
  const seen = new Set<string>();
  input.days.forEach((d, i) => {
    checkDate(d.date, `days[${i}].date`);
    checkListed(d.channel, input.channels, `days[${i}].channel`, 'channels');
    checkCount(d.completes, `days[${i}].completes`);
    const key = `${d.date} ${d.channel}`;
    if (seen.has(key)) fail(`days[${i}]`, `repeats the day ${d.date} of channel '${d.channel}'.`);
    seen.add(key);
  });
  const events = input.events ?? [];
  events.forEach((e, i) => {
    checkDate(e.date, `events[${i}].date`);
    checkText(e.label, `events[${i}].label`);
  });
  if (input.countTitle !== undefined) checkText(input.countTitle, 'countTitle');

  const width = widthOf(input);
  // Left: the count axis and its title; right: room for the last day's label.
  const plotWidth =
    width - 2 * padding - countAxis - (input.countTitle === undefined ? 0 : 20) - 44;
  const drawn = input.days.filter((d) => d.completes > 0);
  const x = {
    field: 'date',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    scale: { type: 'utc' },
  };
  const layers: Record<string, unknown>[] = [
    {
      name: 'bars',
      data: { values: drawn },
      mark: { type: 'bar' },
      encoding: {
        x: {
          ...x,
          axis: {
            title: null,
            format: '%-d %b',
            labelAlign: 'left',
            labelOverlap: 'greedy',
            tickCount: { interval: 'day', step: dayStep(input.days, plotWidth) },
            labelSeparation: 6,
            grid: false,
          },
        },
        y: {
          field: 'completes',
          type: 'quantitative',
          stack: 'zero',
          axis: {
            title: input.countTitle ?? null,
            format: ',d',
            tickMinStep: 1,
            minExtent: countAxis,
            maxExtent: countAxis,
          },
        },
        color: {
          field: 'channel',
          type: 'nominal',
          scale: { domain: input.channels, range: categorical.slice(0, input.channels.length) },
          legend: {
            columns: legendColumns(input.channels, width - countAxis),
            labelLimit: width - 40,
          },
        },
        order: { field: 'rank' },
      },
      transform: [
        {
          calculate: `indexof(${JSON.stringify(input.channels)}, datum.channel)`,
          as: 'rank',
        },
      ],
    },
  ];
  if (events.length > 0) {
    layers.push(
      {
        name: 'events',
        data: { values: events },
        mark: { type: 'rule', color: mutedTextColor, strokeDash: [4, 3] },
        encoding: { x },
      },
      {
        name: 'event_labels',
        data: { values: events.map((e) => ({ ...e, ...labelSide(e.date, input.days) })) },
        mark: {
          type: 'text',
          align: { expr: 'datum.align' },
          baseline: 'top',
          dx: { expr: 'datum.dx' },
          y: 0,
          fontSize: fontSize - 1,
          color: mutedTextColor,
        },
        encoding: { x, text: { field: 'label' } },
      },
    );
  }
  const chart = {
    width: plotWidth,
    height: Math.round(Math.min(260, Math.max(160, width * 0.4))),
    layer: layers,
  };
  return {
    kind: 'timeline',
    grammar: 'vega-lite',
    spec: frame(input, chart),
    marks: { bars: drawn.length, events: events.length, event_labels: events.length },
  };
}

/** An event's label runs right of its line in the first half of the days, left in the second. */
function labelSide(date: string, days: readonly TimelineDay[]): { align: string; dx: number } {
  const times = days.map((d) => Date.parse(d.date));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const late = last > first && (Date.parse(date) - first) / (last - first) > 0.5;
  return late ? { align: 'right', dx: -3 } : { align: 'left', dx: 3 };
}

/** Days between two labelled ticks, so that a label (about 60 pixels) fits each. */
function dayStep(days: readonly TimelineDay[], plotWidth: number): number {
  const times = days.map((d) => Date.parse(d.date));
  const span = (Math.max(...times) - Math.min(...times)) / 86_400_000 + 1;
  return Math.max(1, Math.ceil(span / Math.max(1, Math.floor(plotWidth / 60))));
}
