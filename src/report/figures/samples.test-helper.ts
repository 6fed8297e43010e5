/**
 * A small hand-made input per figure kind, after the reference report's figures, for tests
 * and for looking at the figures.
 */
import type { BenchmarkInput } from './benchmark.js';
import type { ChoiceBarsInput } from './choice-bars.js';
import type { DistributionInput } from './distribution.js';
import type { ExclusionFlowInput } from './exclusion-flow.js';
import type { Figure } from './figure.js';
import type { FlowInput, FlowStagesInput } from './flow.js';
import type { GroupComparisonInput } from './group-comparison.js';
import type { HeatmapInput } from './heatmap.js';
import type { ScaleBarsInput } from './scale-bars.js';
import type { TimelineInput } from './timeline.js';
import type { WaveBarsInput } from './wave-bars.js';
import { benchmarkFigure } from './benchmark.js';
import { choiceBarsFigure } from './choice-bars.js';
import { distributionFigure } from './distribution.js';
import { exclusionFlowFigure } from './exclusion-flow.js';
import { flowFigure } from './flow.js';
import { groupComparisonFigure } from './group-comparison.js';
import { heatmapFigure } from './heatmap.js';
import { scaleBarsFigure } from './scale-bars.js';
import { timelineFigure } from './timeline.js';
import { waveBarsFigure } from './wave-bars.js';

const panel = 'Панельная выборка, n = 611; волны 1 (март 2022) и 2 (сентябрь 2022).';
const combined = 'Объединённая выборка, n = 2176; волна 2 (сентябрь 2022).';

export const waveBars: WaveBarsInput = {
  lang: 'ru',
  note: panel,
  waves: ['Март 2022', 'Сентябрь 2022'],
  categories: [
    {
      label: 'Людям в целом',
      shares: [0.4649, 0.6051],
      intervals: [
        [0.425, 0.505],
        [0.566, 0.644],
      ],
      significant: true,
    },
    { label: 'Россиянам, оставшимся в России', shares: [0.5, 0.57], significant: true },
    { label: 'Правительству страны пребывания', shares: [0.33, 0.23] },
  ],
  significanceNote: '* изменение значимо при p < 0,05',
};

export const scaleBars: ScaleBarsInput = {
  lang: 'ru',
  note: panel,
  layout: 'diverging',
  levels: ['Намного хуже', 'Немного хуже', 'Так же', 'Немного лучше', 'Намного лучше'],
  neutral: 'Так же',
  items: [
    { label: 'Март 2022', shares: [0.12, 0.25, 0.51, 0.09, 0.03] },
    { label: 'Сентябрь 2022', shares: [0.04, 0.11, 0.55, 0.22, 0.08] },
  ],
};

const income = [
  'Не хватает на еду',
  'Хватает на еду, но не на одежду',
  'Хватает на одежду, но не на технику',
  'Хватает на технику, но не на машину',
  'Ни в чём себе не отказываем',
];

export const flow: FlowInput = {
  lang: 'ru',
  note: panel,
  from: { label: 'Март 2022', order: income },
  to: { label: 'Сентябрь 2022', order: income },
  flows: [
    { from: income[1]!, to: income[0]!, count: 4 },
    { from: income[1]!, to: income[1]!, count: 20 },
    { from: income[2]!, to: income[1]!, count: 30 },
    { from: income[2]!, to: income[2]!, count: 60 },
    { from: income[3]!, to: income[2]!, count: 120 },
    { from: income[3]!, to: income[3]!, count: 180 },
    { from: income[4]!, to: income[2]!, count: 12 },
    { from: income[4]!, to: income[3]!, count: 80 },
    { from: income[4]!, to: income[4]!, count: 105 },
  ],
};

/** Three stages: before leaving Russia, March 2022 (the flows above leave it), September 2022. */
export const flowStages: FlowStagesInput = {
  lang: 'ru',
  note: panel,
  stages: [
    { label: 'До отъезда', order: income },
    { label: 'Март 2022', order: income },
    { label: 'Сентябрь 2022', order: income },
  ],
  links: [
    [
      { from: income[0]!, to: income[0]!, count: 0 },
      { from: income[2]!, to: income[1]!, count: 10 },
      { from: income[2]!, to: income[2]!, count: 40 },
      { from: income[3]!, to: income[1]!, count: 14 },
      { from: income[3]!, to: income[2]!, count: 40 },
      { from: income[3]!, to: income[3]!, count: 150 },
      { from: income[4]!, to: income[2]!, count: 10 },
      { from: income[4]!, to: income[3]!, count: 150 },
      { from: income[4]!, to: income[4]!, count: 197 },
    ],
    flow.flows,
  ],
};

const work = ['Российская компания', 'Международная компания', 'Фриланс', 'Не работаю'];

export const heatmap: HeatmapInput = {
  lang: 'ru',
  note: panel,
  rows: { title: 'Март 2022', order: work },
  columns: { title: 'Сентябрь 2022', order: work },
  cells: [
    { row: work[0]!, column: work[0]!, share: 0.6, count: 120 },
    { row: work[0]!, column: work[1]!, share: 0.25, count: 50 },
    { row: work[0]!, column: work[2]!, share: 0.15, count: 30 },
    { row: work[1]!, column: work[1]!, share: 0.9, count: 90 },
    { row: work[1]!, column: work[2]!, share: 0.1, count: 10 },
    { row: work[2]!, column: work[2]!, share: 1, count: 80 },
    { row: work[3]!, column: work[2]!, share: 0.4, count: 8 },
    { row: work[3]!, column: work[3]!, share: 0.6, count: 12 },
  ],
};

export const distribution: DistributionInput = {
  lang: 'ru',
  note: combined,
  categories: [
    { label: 'Очень интересуюсь', share: 0.62, interval: [0.6, 0.64] },
    { label: 'Скорее интересуюсь', share: 0.3, interval: [0.28, 0.32] },
    { label: 'Скорее не интересуюсь', share: 0.06, interval: [0.05, 0.07] },
    { label: 'Совсем не интересуюсь', share: 0.02, interval: [0.014, 0.026] },
  ],
};

export const choiceBars: ChoiceBarsInput = {
  lang: 'ru',
  note: 'Вернувшиеся в Россию, n = 98; волна 2 (сентябрь 2022).',
  options: [
    { label: 'Другое', share: 0.3 },
    { label: 'Не понравилось в новой стране', share: 0.26 },
    { label: 'Дела: квартира, документы, виза', share: 0.66 },
    { label: 'Финансовые трудности', share: 0.2 },
    { label: 'Языковой барьер', share: 0.06 },
  ],
  last: ['Другое'],
};

export const groupComparison: GroupComparisonInput = {
  lang: 'ru',
  note: panel,
  groups: [
    { label: 'Вернулись', n: 98 },
    { label: 'Остались за границей', n: 513 },
  ],
  measure: { kind: 'share' },
  categories: [
    { label: '1–2', values: [0.05, 0.12] },
    { label: '3', values: [0.15, 0.3] },
    { label: '4', values: [0.45, 0.4] },
    { label: '5–6', values: [0.35, 0.18] },
  ],
  test: 'χ²(3) = 21,4; p < 0,001',
};

export const benchmark: BenchmarkInput = {
  lang: 'ru',
  note: combined,
  measure: { kind: 'share' },
  sample: 'Эмигранты, 2022',
  benchmark: { label: 'Россия, 2012', source: 'European Social Survey, 6-я волна (2012)' },
  items: [
    { label: 'Подавленность', value: 0.39, interval: [0.37, 0.41], benchmark: 0.14 },
    { label: 'Грусть', value: 0.55, interval: [0.53, 0.57], benchmark: 0.17 },
    { label: 'Счастье', value: 0.34, interval: [0.32, 0.36], benchmark: 0.55 },
  ],
};

export const exclusionFlow: ExclusionFlowInput = {
  lang: 'ru',
  note: 'Волна 1 (март 2022).',
  steps: [
    {
      label: 'Начали заполнять анкету',
      entering: 2400,
      leaving: 420,
      reasons: [
        { label: 'Уехали до 24 февраля 2022', count: 300 },
        { label: 'Живут в России', count: 120 },
      ],
    },
    {
      label: 'Заполнили не меньше половины',
      entering: 1980,
      leaving: 250,
      reasons: [{ label: 'Меньше 50% анкеты', count: 250 }],
    },
    {
      label: 'Проверка качества',
      entering: 1730,
      leaving: 50,
      reasons: [
        { label: 'Слишком быстро', count: 38 },
        { label: 'Дубликаты', count: 12 },
      ],
    },
  ],
  remaining: 'В анализе',
};

export const timeline: TimelineInput = {
  lang: 'ru',
  note: 'Волна 2, 23 августа — 25 сентября 2022; n = 2176.',
  channels: ['Панель', 'Telegram', 'Другие'],
  days: [
    { date: '2022-08-23', channel: 'Панель', completes: 210 },
    { date: '2022-08-24', channel: 'Панель', completes: 120 },
    { date: '2022-08-25', channel: 'Панель', completes: 60 },
    { date: '2022-09-05', channel: 'Панель', completes: 20 },
    { date: '2022-09-05', channel: 'Telegram', completes: 640 },
    { date: '2022-09-05', channel: 'Другие', completes: 90 },
    { date: '2022-09-06', channel: 'Telegram', completes: 380 },
    { date: '2022-09-06', channel: 'Другие', completes: 0 },
    { date: '2022-09-07', channel: 'Telegram', completes: 150 },
  ],
  events: [{ date: '2022-09-05', label: 'Открыт для новых' }],
  countTitle: 'Заполненные анкеты',
};

/** One figure of each kind, in Russian. */
export function sampleFigures(width?: number): Record<string, Figure> {
  const w = width === undefined ? {} : { width };
  return {
    'wave-bars': waveBarsFigure({ ...waveBars, ...w }),
    'scale-bars': scaleBarsFigure({ ...scaleBars, ...w }),
    flow: flowFigure({ ...flow, ...w }),
    heatmap: heatmapFigure({ ...heatmap, ...w }),
    distribution: distributionFigure({ ...distribution, ...w }),
    'choice-bars': choiceBarsFigure({ ...choiceBars, ...w }),
    'group-comparison': groupComparisonFigure({ ...groupComparison, ...w }),
    benchmark: benchmarkFigure({ ...benchmark, ...w }),
    'exclusion-flow': exclusionFlowFigure({ ...exclusionFlow, ...w }),
    timeline: timelineFigure({ ...timeline, ...w }),
  };
}
