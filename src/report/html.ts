/**
 * The report as one self-contained HTML page: styles inline, figures as inline SVG, no script,
 * no font, image or stylesheet fetched from anywhere. Text is Markdown from the spec (raw HTML
 * in it is shown as text, never run), with numbers already written in by the templates.
 */
import MarkdownIt from 'markdown-it';

export interface HtmlFigure {
  id: string;
  number: number;
  title: string;
  svg: string;
  /** The figure drawn for a phone: shown instead on narrow screens. */
  svgNarrow?: string;
  /** Lines under the figure: sample, n, waves; the spec's note. */
  caption: string[];
  /** Numbers of the footnotes this figure cites. */
  footnotes: number[];
}

export interface HtmlSection {
  title: string;
  /** Markdown with every placeholder written out. */
  markdown: string;
  figures: HtmlFigure[];
}

export interface HtmlReport {
  language: string;
  title: string;
  subtitle?: string;
  authors: string[];
  sections: HtmlSection[];
  footnotes: string[];
  words: { contents: string; figure: string; notes: string; madeWith: string };
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const css = [
  ':root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--rule:#d7d7d7}',
  'body{margin:0;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}',
  'main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 4rem}',
  'h1{font-size:1.9rem;line-height:1.2;margin:1.5rem 0 .3rem}',
  '.subtitle{font-size:1.15rem;color:var(--muted);margin:0 0 .4rem}',
  '.authors{color:var(--muted);margin:0 0 1.5rem}',
  'h2{font-size:1.4rem;margin:2.5rem 0 .6rem;border-top:1px solid var(--rule);padding-top:1.2rem}',
  'nav ol{padding-left:1.3rem}',
  'figure{margin:2rem 0;padding:0}',
  'figure h3{font-size:1rem;margin:0 0 .5rem}',
  'figure .chart svg{max-width:100%;height:auto;display:block}',
  'figcaption{font-size:.85rem;color:var(--muted);margin-top:.4rem}',
  'figcaption p{margin:.15rem 0}',
  'sup a{text-decoration:none}',
  '.notes{font-size:.85rem;color:var(--muted);border-top:1px solid var(--rule);margin-top:3rem}',
  '.narrow{display:none}',
  '@media (max-width:560px){.wide{display:none}.narrow{display:block}body{font-size:16px}}',
  '@media print{main{max-width:none}figure{break-inside:avoid}.narrow{display:none}.wide{display:block}}',
].join('');

function footnoteLinks(numbers: number[]): string {
  if (numbers.length === 0) return '';
  const links = numbers.map((n) => `<a href="#note-${n}" id="ref-${n}">${n}</a>`).join(',');
  return `<sup>${links}</sup>`;
}

function figureHtml(f: HtmlFigure, words: HtmlReport['words']): string {
  return [
    `<figure id="figure-${escapeHtml(f.id)}">`,
    `<h3>${escapeHtml(words.figure)} ${f.number}. ${escapeHtml(f.title)}${footnoteLinks(f.footnotes)}</h3>`,
    f.svgNarrow
      ? `<div class="chart wide">${f.svg}</div><div class="chart narrow">${f.svgNarrow}</div>`
      : `<div class="chart">${f.svg}</div>`,
    `<figcaption>${f.caption.map((c) => `<p>${escapeHtml(c)}</p>`).join('')}</figcaption>`,
    '</figure>',
  ].join('');
}

export function reportHtml(r: HtmlReport): string {
  const sectionId = (i: number) => `section-${i + 1}`;
  const contents = r.sections
    .map((s, i) => `<li><a href="#${sectionId(i)}">${escapeHtml(s.title)}</a></li>`)
    .join('');
  const body = r.sections
    .map(
      (s, i) =>
        `<section id="${sectionId(i)}"><h2>${escapeHtml(s.title)}</h2>${markdown.render(s.markdown)}${s.figures
          .map((f) => figureHtml(f, r.words))
          .join('')}</section>`,
    )
    .join('');
  const notes =
    r.footnotes.length === 0
      ? ''
      : `<section class="notes"><h2>${escapeHtml(r.words.notes)}</h2><ol>${r.footnotes
          .map((n, i) => `<li id="note-${i + 1}">${escapeHtml(n)}</li>`)
          .join('')}</ol></section>`;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(r.language)}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(r.title)}</title>`,
    `<style>${css}</style></head>`,
    '<body><main>',
    `<h1>${escapeHtml(r.title)}</h1>`,
    r.subtitle ? `<p class="subtitle">${escapeHtml(r.subtitle)}</p>` : '',
    r.authors.length > 0 ? `<p class="authors">${escapeHtml(r.authors.join(', '))}</p>` : '',
    `<nav aria-label="${escapeHtml(r.words.contents)}"><h2>${escapeHtml(r.words.contents)}</h2><ol>${contents}</ol></nav>`,
    body,
    notes,
    `<p class="notes">${escapeHtml(r.words.madeWith)}</p>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
