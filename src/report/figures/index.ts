/** The report's figure kinds, and drawing them as SVG and PNG. */
export type { Figure, FigureBase, FigureKind, FigureSpec, Lang } from './figure.js';
export type { Interval } from './check.js';
export type { Measure } from './measure.js';
export { waveBarsFigure, type WaveBarsInput, type WaveCategory } from './wave-bars.js';
export { scaleBarsFigure, type ScaleBarsInput, type ScaleItem } from './scale-bars.js';
export {
  flowFigure,
  type FlowInput,
  type FlowSide,
  type FlowStage,
  type FlowStagesInput,
} from './flow.js';
export type { FlowCount } from './flow-layout.js';
export { heatmapFigure, type HeatmapInput, type MatrixCell, type MatrixSide } from './heatmap.js';
export { distributionFigure, type DistributionInput, type ShareBar } from './distribution.js';
export { choiceBarsFigure, type ChoiceBarsInput } from './choice-bars.js';
export {
  groupComparisonFigure,
  type ComparedCategory,
  type ComparedGroup,
  type GroupComparisonInput,
} from './group-comparison.js';
export { benchmarkFigure, type BenchmarkInput, type BenchmarkItem } from './benchmark.js';
export {
  exclusionFlowFigure,
  type ExclusionFlowInput,
  type ExclusionStep,
} from './exclusion-flow.js';
export {
  timelineFigure,
  type TimelineDay,
  type TimelineEvent,
  type TimelineInput,
} from './timeline.js';
export { renderSvg, type SvgOptions } from './render-svg.js';
export { renderPng, type PngOptions } from './render-png.js';
export { findFonts, type FontSet } from './fonts.js';
export { formatNumber, formatPercent, formatPointChange } from './format.js';
export { okabeIto } from './palette.js';
