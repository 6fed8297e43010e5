/**
 * The width of a line of text, estimated from character classes with the advance widths of
 * Liberation Sans (the metrics of Arial), the first font the figures ask for. Used to wrap
 * labels and, through renderSvg, by Vega to lay out axes, legends and titles; within a few
 * per cent of the real width for Latin and Cyrillic text (kerning ignored).
 */
const narrowest = new Set([..."ijlІії'|"]);
const narrow = new Set([...' \u00A0.,:;!ftIrг()[]-/«»ґт']);
const wide = new Set([...'mwMWжмфшщыюЖМФШЩЫЮ%—…№@']);
const capitalWide = new Set([...'ABCDEGHKNOQRSUVXYZАБВДЕЁЗИЙКЛНОПРСУХЦЧЪЬЭЯ']);

function em(ch: string): number {
  if (narrowest.has(ch)) return 0.222;
  if (narrow.has(ch)) return 0.3;
  if (wide.has(ch)) return 0.86;
  if (ch >= '0' && ch <= '9') return 0.556;
  if (capitalWide.has(ch)) return 0.69;
  if (ch === '\u2212' || ch === '+' || ch === '=' || ch === '<' || ch === '>') return 0.584;
  return 0.54;
}

/** Width in pixels of `text` at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const ch of text) ems += em(ch);
  return ems * fontSize * (bold ? 1.08 : 1);
}

/**
 * `text` broken into lines no wider than `maxWidth`, at spaces and after hyphens; explicit
 * line breaks are kept. A word wider than the line stands alone on its line.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/(?<=-)|\s+/).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const joiner = line === '' || line.endsWith('-') ? '' : ' ';
      const candidate = line + joiner + word;
      if (line !== '' && textWidth(candidate, fontSize, bold) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}
