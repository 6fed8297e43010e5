/**
 * The exclusion flow as a CONSORT-style diagram: a box per step with the responses entering
 * it, an arrow down to the next, a box at the side with those leaving and why, and a last box
 * with the responses that remain.
 */
import { checkBase, checkCount, checkNonEmpty, checkText, fail } from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { formatNumber } from './format.js';
import { lineColor } from './palette.js';
import { fontSize, lineHeight, padding, widthOf } from './style.js';
import { wrapText } from './text-width.js';
import { textFont, vegaFrame } from './vega-frame.js';
import { words } from './words.js';

export interface ExclusionStep {
  /** What the step checks, e.g. "Left Russia after 24 February 2022". */
  label: string;
  entering: number;
  leaving: number;
  /** Why those leaving left; the counts add up to `leaving`. */
  reasons: readonly { label: string; count: number }[];
}

export interface ExclusionFlowInput extends FigureBase {
  steps: readonly ExclusionStep[];
  /** The last box's label, e.g. "Analysed". */
  remaining: string;
}

const boxPad = 6;
const arrowGap = 18;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  kind: 'step' | 'side';
}

export function exclusionFlowFigure(input: ExclusionFlowInput): Figure {
  checkBase(input);
  checkNonEmpty(input.steps, 'steps');
  checkText(input.remaining, 'remaining');
  input.steps.forEach((s, i) => {
    const field = `steps[${i}]`;
    checkText(s.label, `${field}.label`);
    checkCount(s.entering, `${field}.entering`);
    checkCount(s.leaving, `${field}.leaving`);
    if (s.leaving > s.entering) {
      fail(`${field}.leaving`, `is ${s.leaving}, more than the ${s.entering} entering.`);
    }
    const previous = input.steps[i - 1];
    if (previous !== undefined && s.entering !== previous.entering - previous.leaving) {
      fail(
        `${field}.entering`,
        `is ${s.entering}, but the step before lets ${previous.entering - previous.leaving} through.`,
      );
    }
    if (!Array.isArray(s.reasons)) fail(`${field}.reasons`, 'must be a list.');
    s.reasons.forEach((r, j) => {
      checkText(r.label, `${field}.reasons[${j}].label`);
      checkCount(r.count, `${field}.reasons[${j}].count`);
    });
    const sum = s.reasons.reduce((a, r) => a + r.count, 0);
    if (s.reasons.length > 0 && sum !== s.leaving) {
      fail(`${field}.reasons`, `add up to ${sum}, not to the ${s.leaving} leaving.`);
    }
  });

  const lang = input.lang;
  const n = (v: number): string => `${words[lang].n} = ${formatNumber(v, lang)}`;
  const width = widthOf(input) - 2 * padding;
  const mainWidth = Math.round(width * 0.5);
  const sideX = mainWidth + 24;
  const sideWidth = width - sideX;
  const text = (t: string, w: number): string[] => wrapText(t, w - 2 * boxPad, fontSize);
  const boxHeight = (lines: string[]): number => lines.length * lineHeight + 2 * boxPad;

  const boxes: Box[] = [];
  const arrows: { path: string }[] = [];
  let y = 0;
  const last = input.steps[input.steps.length - 1]!;
  input.steps.forEach((s) => {
    const lines = [...text(s.label, mainWidth), n(s.entering)];
    const main: Box = { x: 0, y, width: mainWidth, height: boxHeight(lines), lines, kind: 'step' };
    boxes.push(main);
    const reasons = s.reasons
      .filter((r) => r.count > 0)
      .flatMap((r) => text(`${r.label}: ${formatNumber(r.count, lang)}`, sideWidth));
    const sideLines = [`${words[lang].excluded}: ${formatNumber(s.leaving, lang)}`, ...reasons];
    const sideHeight = boxHeight(sideLines);
    const between = Math.max(2 * arrowGap, sideHeight + arrowGap);
    const sideY = main.y + main.height + (between - sideHeight) / 2;
    boxes.push({
      x: sideX,
      y: sideY,
      width: sideWidth,
      height: sideHeight,
      lines: sideLines,
      kind: 'side',
    });
    const cx = mainWidth / 2;
    const bottom = main.y + main.height;
    const next = bottom + between;
    arrows.push({ path: arrow(cx, bottom, cx, next, 'down') });
    arrows.push({
      path: arrow(cx, sideY + sideHeight / 2, sideX, sideY + sideHeight / 2, 'right'),
    });
    y = next;
  });
  const endLines = [...text(input.remaining, mainWidth), n(last.entering - last.leaving)];
  boxes.push({
    x: 0,
    y,
    width: mainWidth,
    height: boxHeight(endLines),
    lines: endLines,
    kind: 'step',
  });
  const height = y + boxHeight(endLines) + 1;

  const boxMarks = (kind: Box['kind'], name: string): object[] => [
    {
      type: 'rect',
      name,
      from: { data: kind },
      encode: {
        enter: {
          // The border is drawn inside the box, so that nothing reaches past the width asked.
          x: { field: 'x', offset: 0.5 },
          y: { field: 'y', offset: 0.5 },
          width: { field: 'width', offset: -1 },
          height: { field: 'height', offset: -1 },
          fill: { value: kind === 'step' ? '#F2F6FA' : '#FFFFFF' },
          stroke: { value: lineColor },
          strokeWidth: { value: 1 },
          cornerRadius: { value: 3 },
        },
      },
    },
    {
      type: 'text',
      name: `${name}_texts`,
      from: { data: kind },
      encode: {
        enter: {
          ...textFont,
          x: { signal: `datum.x + ${boxPad}` },
          y: { signal: `datum.y + ${boxPad}` },
          baseline: { value: 'top' },
          text: { field: 'lines' },
          fontSize: { value: fontSize },
          lineHeight: { value: lineHeight },
        },
      },
    },
  ];
  const drawing = {
    height,
    data: [
      { name: 'step', values: boxes.filter((b) => b.kind === 'step') },
      { name: 'side', values: boxes.filter((b) => b.kind === 'side') },
      { name: 'arrow-data', values: arrows },
    ],
    marks: [
      {
        type: 'path',
        name: 'arrows',
        from: { data: 'arrow-data' },
        encode: {
          enter: {
            path: { field: 'path' },
            stroke: { value: lineColor },
            strokeWidth: { value: 1.5 },
          },
        },
      },
      ...boxMarks('step', 'steps'),
      ...boxMarks('side', 'exclusions'),
    ],
  };
  const steps = input.steps.length;
  return {
    kind: 'exclusion-flow',
    grammar: 'vega',
    spec: vegaFrame(input, drawing),
    marks: {
      steps: steps + 1,
      steps_texts: steps + 1,
      exclusions: steps,
      exclusions_texts: steps,
      arrows: 2 * steps,
    },
  };
}

/** A line with an open arrowhead at its end. */
function arrow(x1: number, y1: number, x2: number, y2: number, to: 'down' | 'right'): string {
  const head =
    to === 'down'
      ? `M${x2 - 4},${y2 - 6}L${x2},${y2}L${x2 + 4},${y2 - 6}`
      : `M${x2 - 6},${y2 - 4}L${x2},${y2}L${x2 - 6},${y2 + 4}`;
  return `M${x1},${y1}L${x2},${y2}${head}`;
}
