/**
 * Colours that people with the common colour-vision deficiencies can tell apart: the
 * Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), and ramps made by mixing
 * two of its colours with white, so that ordered levels differ in lightness too.
 */
export const okabeIto = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Unordered categories (channels, groups, flow categories); yellow and black come last. */
export const categorical: readonly string[] = [
  okabeIto.blue,
  okabeIto.orange,
  okabeIto.bluishGreen,
  okabeIto.reddishPurple,
  okabeIto.skyBlue,
  okabeIto.vermillion,
  okabeIto.yellow,
  okabeIto.black,
];

/** The first wave and the second. */
export const waveColors: readonly [string, string] = [okabeIto.orange, okabeIto.blue];

/** The study's sample, and an external benchmark beside it. */
export const sampleColor = okabeIto.blue;
export const benchmarkColor = '#999999';

/** A neutral level of a rating scale. */
export const neutralColor = '#BDBDBD';

export const textColor = '#222222';
export const mutedTextColor = '#555555';
export const lineColor = '#888888';

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** `color` mixed with white: 0 keeps the colour, 1 is white. */
export function tint(color: string, white: number): string {
  return hex(channels(color).map((c) => c + (255 - c) * white));
}

/** `n` shades of `color`, lightest first, the last being the colour itself. */
export function ramp(color: string, n: number, lightest = 0.75): string[] {
  if (n === 1) return [color];
  return Array.from({ length: n }, (_, i) => tint(color, lightest * (1 - i / (n - 1))));
}

/**
 * Colours of a scale's levels, lowest first: vermillion shades below the middle, blue shades
 * above, grey for a neutral middle level.
 */
export function divergingColors(levels: number, neutral: boolean): string[] {
  const side = Math.floor(levels / 2);
  const low = ramp(okabeIto.vermillion, side, 0.6).reverse();
  const high = ramp(okabeIto.blue, side, 0.6);
  return neutral ? [...low, neutralColor, ...high] : [...low, ...high];
}

/** Relative luminance (WCAG 2), to pick readable text on a fill. */
function luminance(color: string): number {
  const [r, g, b] = channels(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever contrasts more with the fill. */
export function textColorOn(fill: string): string {
  const l = luminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#FFFFFF';
}
