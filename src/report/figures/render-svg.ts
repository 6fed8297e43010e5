/**
 * A figure's spec drawn as SVG on the server: Vega-Lite compiled to Vega, then a headless
 * Vega view. Data must be inline: the loader refuses every URL, so drawing never touches the
 * network or the disk. The SVG is self-contained, to be inlined in an HTML page.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { Problem } from '../../problems/problem.js';
import type { FigureSpec } from './figure.js';
import { textWidth } from './text-width.js';

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

// Vega measures text with a canvas when there is one, else with 0.8 em a letter, which
// makes every label box too wide; the same estimate that wraps the labels serves better.
const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
metrics.width = (item: TextItem, text: unknown): number => {
  const weight = item.fontWeight;
  const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600);
  return textWidth(String(text ?? '').trim(), item.fontSize ?? 11, bold);
};

/** The first URL a spec would load (data, images), found anywhere in it. */
function findUrl(node: unknown): unknown {
  if (Array.isArray(node)) {
    for (const child of node) {
      const url = findUrl(child);
      if (url !== undefined) return url;
    }
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'url') return typeof value === 'object' ? JSON.stringify(value) : value;
      const url = findUrl(value);
      if (url !== undefined) return url;
    }
  }
  return undefined;
}

function refuse(uri: unknown): Promise<never> {
  return Promise.reject(
    new Problem(
      'input.invalid',
      `A figure draws only the data inside its spec; it asked to load '${String(uri)}'.`,
      { field: 'data' },
    ),
  );
}

const offline = vega.loader();
offline.load = refuse;
offline.sanitize = refuse;
offline.http = refuse;
offline.file = refuse;

export interface SvgOptions {
  /**
   * Prefixed to every id in the SVG (Vega names clip paths clip1, clip2, … in each figure),
   * so that several figures inlined in one page do not share ids.
   */
  idPrefix?: string;
  /** Told each warning of the Vega-Lite compiler (a spec it reads differently than written). */
  onWarning?: (message: string) => void;
}

export function isVegaLite(spec: FigureSpec): spec is TopLevelSpec {
  const schema = (spec as { $schema?: unknown }).$schema;
  if (typeof schema !== 'string' || !/\/schema\/vega(-lite)?\//.test(schema)) {
    throw new Problem(
      'input.invalid',
      '$schema must name the Vega or the Vega-Lite schema, so that the spec can be read as one of them.',
      { field: '$schema' },
    );
  }
  return schema.includes('/vega-lite/');
}

export async function renderSvg(spec: FigureSpec, options: SvgOptions = {}): Promise<string> {
  const warn = options.onWarning ?? ((): void => undefined);
  const vgSpec = isVegaLite(spec) ? compile(spec, { logger: quiet(warn) }).spec : spec;
  const url = findUrl(vgSpec);
  if (url !== undefined) await refuse(url);
  // Vega logs an error met while drawing and goes on without the mark; here it stops.
  const errors: string[] = [];
  const logger = vega.logger(vega.Error);
  logger.error = (...args: readonly unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    return logger;
  };
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: offline, logger });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(`Vega could not draw the figure: ${errors.join('; ')}`);
    return options.idPrefix === undefined ? svg : prefixIds(svg, options.idPrefix);
  } finally {
    view.finalize();
  }
}

/** A Vega logger that passes warnings on and keeps everything else quiet. */
function quiet(warn: (message: string) => void): vega.LoggerInterface {
  const logger = vega.logger(vega.None);
  logger.warn = (...args: readonly unknown[]) => {
    warn(args.map(String).join(' '));
    return logger;
  };
  return logger;
}

function prefixIds(svg: string, prefix: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) {
    throw new Problem(
      'input.invalid',
      `idPrefix must be a letter followed by letters, digits, '-' or '_', not '${prefix}'.`,
      { field: 'idPrefix' },
    );
  }
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}
