/** Reading rendered figures in tests: well-formed XML, marks counted, texts and size read. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import { Problem } from '../../problems/problem.js';
import type { Figure } from './figure.js';
import { renderSvg } from './render-svg.js';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: false,
});

/** Parses the SVG, failing the test with the validator's message when it is not well-formed. */
export function parseSvg(svg: string): Node[] {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`SVG is not well-formed XML: ${valid.err.msg}`);
  return parser.parse(svg) as Node[];
}

function walk(nodes: Node[], visit: (tag: string, attrs: Node, children: Node[]) => void): void {
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (tag === undefined) continue;
    const children = node[tag];
    visit(tag, (node[':@'] as Node | undefined) ?? {}, Array.isArray(children) ? children : []);
    if (Array.isArray(children)) walk(children as Node[], visit);
  }
}

/**
 * Items drawn by each named mark: Vega puts a mark's items in a group whose class ends with
 * the mark's name (Vega-Lite adds "_marks" to a layer's name, dropped here).
 */
export function countMarks(svg: string): Record<string, number> {
  const counts: Record<string, number> = {};
  walk(parseSvg(svg), (tag, attrs, children) => {
    const cls = typeof attrs['class'] === 'string' ? attrs['class'] : '';
    const m = /^mark-\w+ role-mark (\S+)$/.exec(cls);
    if (tag !== 'g' || m === null) return;
    const name = m[1]!.replace(/_marks$/, '');
    counts[name] = (counts[name] ?? 0) + children.filter((c) => !('#text' in c)).length;
  });
  return counts;
}

/** Every expected mark has exactly its count (a mark with 0 items may be absent). */
export function expectMarks(svg: string, expected: Record<string, number>): void {
  const counts = countMarks(svg);
  for (const [name, n] of Object.entries(expected)) {
    expect(counts[name] ?? 0, `items of mark '${name}'`).toBe(n);
  }
}

/** All text drawn, one entry per text element (lines of a multi-line text joined by spaces). */
export function svgTexts(svg: string): string[] {
  const texts: string[] = [];
  const collect = (nodes: Node[]): string =>
    nodes
      .map((n) => {
        if ('#text' in n) return String(n['#text']);
        const tag = Object.keys(n).find((k) => k !== ':@')!;
        return collect(n[tag] as Node[]);
      })
      .join(' ');
  walk(parseSvg(svg), (tag, _attrs, children) => {
    if (tag === 'text')
      texts.push(
        collect(children)
          .replace(/[ \t\r\n]+/g, ' ')
          .trim(),
      );
  });
  return texts;
}

/** The SVG's width and height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (m === null) throw new Error('The SVG has no width and height.');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * Nothing in the SVG refers outside it: no link, image, stylesheet or font but the SVG
 * namespaces, and every url(#id) or href="#id" names an id inside.
 */
export function expectSelfContained(svg: string): void {
  const withoutNamespaces = svg.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
  expect(withoutNamespaces).not.toMatch(/https?:|file:|data:|@import|@font-face/);
  const ids = new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  for (const m of svg.matchAll(/(?:url\(#|href="#)([^)"]+)/g)) expect(ids).toContain(m[1]);
}

/**
 * Renders a figure and checks what every figure must be: well-formed, non-empty,
 * self-contained SVG with the marks the builder promised and no Vega-Lite warning.
 */
export async function renderChecked(figure: Figure): Promise<{ svg: string; texts: string[] }> {
  const warnings: string[] = [];
  const svg = await renderSvg(figure.spec, { onWarning: (w) => warnings.push(w) });
  expect(warnings).toEqual([]);
  const size = svgSize(svg);
  expect(size.width).toBeGreaterThan(0);
  expect(size.height).toBeGreaterThan(0);
  expectMarks(svg, figure.marks);
  expectSelfContained(svg);
  return { svg, texts: svgTexts(svg) };
}

/** The problem a builder throws: its code and the field its sentence names. */
export function refusal(build: () => unknown): { field: string | undefined; message: string } {
  try {
    build();
  } catch (error) {
    if (error instanceof Problem) {
      expect(error.code).toBe('input.invalid');
      expect(error.message).toContain(error.place.field);
      expect(error.message).toMatch(/\.$/);
      return { field: error.place.field, message: error.message };
    }
    throw error;
  }
  throw new Error('The input was accepted.');
}
