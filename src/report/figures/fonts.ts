/**
 * Font files for PNG figures. resvg draws only the fonts it is given; without one it draws
 * no text at all, silently, so a machine without these fonts gets a sentence instead.
 * The families are those a Debian machine with Chromium has (fonts-liberation,
 * fonts-dejavu-core, fonts-noto-core), each with Cyrillic letters.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Problem } from '../../problems/problem.js';

export interface FontSet {
  /** The family drawn where a figure's font list names none that is loaded. */
  family: string;
  files: string[];
}

const candidates: readonly { family: string; files: readonly string[] }[] = [
  {
    family: 'Liberation Sans',
    files: ['liberation2/LiberationSans-Regular.ttf', 'liberation2/LiberationSans-Bold.ttf'],
  },
  {
    family: 'Liberation Sans',
    files: ['liberation/LiberationSans-Regular.ttf', 'liberation/LiberationSans-Bold.ttf'],
  },
  { family: 'DejaVu Sans', files: ['dejavu/DejaVuSans.ttf', 'dejavu/DejaVuSans-Bold.ttf'] },
  { family: 'Noto Sans', files: ['noto/NotoSans-Regular.ttf', 'noto/NotoSans-Bold.ttf'] },
];

export const fontRoot = '/usr/share/fonts/truetype';

/**
 * The fonts found under `root`, the preferred family first; a family whose regular file is
 * missing is skipped. Refuses with a sentence when none is there.
 */
export function findFonts(root = fontRoot): FontSet {
  const found: FontSet[] = [];
  for (const c of candidates) {
    const files = c.files.map((f) => join(root, f)).filter((f) => existsSync(f));
    if (files.length > 0 && files[0] === join(root, c.files[0]!)) {
      found.push({ family: c.family, files });
    }
  }
  if (found.length === 0) {
    throw new Problem(
      'file.unreadable',
      `No font to draw PNG figures with: none of Liberation Sans, DejaVu Sans or Noto Sans is under ${root}. ` +
        'Install the Debian package fonts-liberation2 or fonts-dejavu-core, or pass fontFiles.',
      { file: root },
    );
  }
  return { family: found[0]!.family, files: found.flatMap((f) => f.files) };
}
