/**
 * An SVG figure drawn as PNG with resvg, at `scale` times its size (2 by default, sharp on
 * high-density screens and in print), with fonts from the machine (fonts.ts).
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { Problem } from '../../problems/problem.js';
import { findFonts, type FontSet } from './fonts.js';

export interface PngOptions {
  /** Pixels per SVG unit; default 2. */
  scale?: number;
  /** Font files to draw text with, the first file's family by default; found on the machine when absent. */
  fonts?: FontSet;
}

let machineFonts: FontSet | undefined;

export function renderPng(svg: string, options: PngOptions = {}): Buffer {
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 8)) {
    throw new Problem('input.invalid', `scale must be above 0 and at most 8, not ${scale}.`, {
      field: 'scale',
    });
  }
  const fonts = options.fonts ?? (machineFonts ??= findFonts());
  const missing = fonts.files.find((f) => !existsSync(f));
  if (missing !== undefined) {
    throw new Problem('file.unreadable', `The font file ${missing} does not exist.`, {
      file: missing,
    });
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: fonts.files,
      defaultFontFamily: fonts.family,
      sansSerifFamily: fonts.family,
    },
  });
  return resvg.render().asPng();
}
