/**
 * A transition matrix: rows are the categories in one wave, columns those in the next; each
 * cell is shaded by its row share and writes the share and the count.
 */
import {
  checkBase,
  checkCount,
  checkListed,
  checkNonEmpty,
  checkShare,
  checkText,
  checkUnique,
  fail,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { formatNumber, formatPercent } from './format.js';
import { okabeIto, textColorOn, tint } from './palette.js';
import { fontSize, frame, multiLineLabels, padding, widthOf, wrapped } from './style.js';

export interface MatrixSide {
  /** The axis title, e.g. "March 2022". */
  title: string;
  /** Its categories in order. */
  order: readonly string[];
}

export interface MatrixCell {
  row: string;
  column: string;
  /** The cell's count over its row's count. */
  share: number;
  count: number;
}

export interface HeatmapInput extends FigureBase {
  rows: MatrixSide;
  columns: MatrixSide;
  /** Cells not listed are empty (share 0, count 0). */
  cells: readonly MatrixCell[];
}

const rowLabelShare = 0.28;

export function heatmapFigure(input: HeatmapInput): Figure {
  checkBase(input);
  for (const side of ['rows', 'columns'] as const) {
    checkText(input[side]?.title, `${side}.title`);
    checkNonEmpty(input[side].order, `${side}.order`);
    checkUnique(input[side].order, `${side}.order`);
  }
  checkNonEmpty(input.cells, 'cells');
  const rows = input.rows.order;
  const columns = input.columns.order;
  const byKey = new Map<string, MatrixCell>();
  input.cells.forEach((c, i) => {
    const field = `cells[${i}]`;
    checkListed(c.row, rows, `${field}.row`, 'rows.order');
    checkListed(c.column, columns, `${field}.column`, 'columns.order');
    checkShare(c.share, `${field}.share`);
    checkCount(c.count, `${field}.count`);
    const key = `${c.row}\u0000${c.column}`;
    if (byKey.has(key)) fail(field, `repeats the cell ${c.row} / ${c.column}.`);
    byKey.set(key, c);
  });
  rows.forEach((r) => {
    const shares = columns.map((c) => byKey.get(`${r}\u0000${c}`));
    const total = shares.reduce((sum, c) => sum + (c?.share ?? 0), 0);
    const counted = shares.some((c) => (c?.count ?? 0) > 0);
    if (counted && Math.abs(total - 1) > 0.011) {
      fail('cells', `of the row '${r}' have shares adding up to ${total.toFixed(3)}, not 1.`);
    }
  });

  const width = widthOf(input);
  const labelWidth = Math.min(200, Math.max(80, Math.round(width * rowLabelShare)));
  // The row axis's title, turned on its side, stands left of the labels.
  const plotWidth = width - 2 * padding - labelWidth - 8 - (fontSize + 12);
  const cellWidth = plotWidth / columns.length;
  const withCount = cellWidth >= 50;
  const cellHeight = withCount ? 40 : 30;
  const rowLabel = new Map(rows.map((r) => [r, wrapped(r, labelWidth - 10)]));
  const columnLabel = new Map(columns.map((c) => [c, wrapped(c, cellWidth - 4, fontSize - 1)]));
  const data = rows.flatMap((r) =>
    columns.map((c) => {
      const cell = byKey.get(`${r}\u0000${c}`);
      const share = cell?.share ?? 0;
      const count = cell?.count ?? 0;
      const fill = tint(okabeIto.blue, 0.95 * (1 - share));
      const text = withCount
        ? [formatPercent(share, input.lang), `(${formatNumber(count, input.lang)})`]
        : formatPercent(share, input.lang);
      return {
        row: rowLabel.get(r)!,
        column: columnLabel.get(c)!,
        share,
        count,
        fill,
        ink: textColorOn(fill),
        text,
      };
    }),
  );
  const labelled = data.filter((d) => d.count > 0);
  const axisCommon = {
    labelLimit: 0,
    ticks: false,
    domain: false,
    titleFontWeight: 'bold',
  };
  const chart = {
    width: plotWidth,
    height: cellHeight * rows.length,
    data: { values: data },
    encoding: {
      y: {
        field: 'row',
        type: 'nominal',
        scale: { domain: rows.map((r) => rowLabel.get(r)!) },
        axis: {
          ...axisCommon,
          title: input.rows.title,
          labelBaseline: 'middle',
          minExtent: labelWidth,
          maxExtent: labelWidth,
          ...multiLineLabels('centre'),
        },
      },
      x: {
        field: 'column',
        type: 'nominal',
        scale: { domain: columns.map((c) => columnLabel.get(c)!) },
        axis: {
          ...axisCommon,
          title: input.columns.title,
          orient: 'top',
          labelAngle: 0,
          labelBaseline: 'bottom',
          labelFontSize: fontSize - 1,
          ...multiLineLabels('up', fontSize - 1),
        },
      },
    },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
        encoding: { color: { field: 'fill', type: 'nominal', scale: null, legend: null } },
      },
      {
        name: 'cell_texts',
        transform: [{ filter: 'datum.count > 0' }],
        mark: { type: 'text', baseline: 'middle', lineHeight: 14, dy: withCount ? -7 : 0 },
        encoding: {
          text: { field: 'text' },
          color: { field: 'ink', type: 'nominal', scale: null, legend: null },
        },
      },
    ],
  };
  return {
    kind: 'heatmap',
    grammar: 'vega-lite',
    spec: frame(input, chart),
    marks: { cells: data.length, cell_texts: labelled.length },
  };
}
