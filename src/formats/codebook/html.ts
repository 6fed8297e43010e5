/**
 * The readable codebook as one self-contained HTML page: its styles inline, no script, no image,
 * nothing fetched. Text from the data is escaped; each label and question carries its language
 * (`lang`), so screen readers and hyphenation follow it. Declared missing codes are marked in
 * words, not only by colour.
 *
 *   await pipeline(Readable.from(writeCodebookHtml(codebook)), createWriteStream('codebook.html'));
 *
 * `codebookHtmlWriter` writes it from a chunked dataset: the rows counted, then the page.
 */
import type { TableWriter } from '../table-writer.js';
import {
  entryBlocks,
  headBlocks,
  indexBlocks,
  layoutOf,
  type Block,
  type Cell,
  type Inline,
} from './blocks.js';
import type { Codebook, CodebookShape, DescribedCodebook } from './codebook.js';
import type { ReadableCodebookOptions } from './markdown.js';
import { summaryWriter, writeCodebookWhole } from './summary.js';

const style = `
body { font: 15px/1.45 system-ui, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
section { border-top: 1px solid #e4e4e4; margin-top: 2rem; } h3 code { font-size: 1.15em; } code { font: 0.92em ui-monospace, monospace; background: #f3f3f3; padding: 0 0.2em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; } dd { margin: 0; } dd + dd { grid-column: 2; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #999; } .num { text-align: right; font-variant-numeric: tabular-nums; }
tr.missing td { background: #fff4e0; }
`.trim();

/** The HTML codebook of a dataset's shape, as a table writer: all of it after the rows are seen. */
export function codebookHtmlWriter(
  codebook: CodebookShape,
  options: ReadableCodebookOptions = {},
): TableWriter {
  return summaryWriter(codebook.shape, (summary) => page({ ...codebook, summary }, options));
}

/** The HTML codebook of a dataset in memory. */
export function writeCodebookHtml(
  codebook: Codebook,
  options: ReadableCodebookOptions = {},
): Generator<string, void, undefined> {
  return writeCodebookWhole(codebook, (c) => codebookHtmlWriter(c, options));
}

function* page(
  codebook: DescribedCodebook,
  options: ReadableCodebookOptions,
): Generator<string, void, undefined> {
  const layout = layoutOf(codebook, options.language);
  yield (
    '<!DOCTYPE html>\n' +
    `<html lang="${escape(layout.language)}">\n<head>\n<meta charset="utf-8" />\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1" />\n' +
    `<title>${escape(layout.title)}</title>\n<style>\n${style}\n</style>\n</head>\n<body>\n`
  );
  yield render(headBlocks(codebook, layout));
  yield render(indexBlocks(codebook, layout));
  for (const blocks of entryBlocks(codebook, layout))
    yield `<section>\n${render(blocks)}</section>\n`;
  yield '</body>\n</html>\n';
}

function render(blocks: readonly Block[]): string {
  return blocks.map((b) => `${block(b)}\n`).join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `<h1${lang(b.lang)}>${escape(b.text)}</h1>`;
    case 'heading': {
      const text = b.code ? `<code>${escape(b.text)}</code>` : escape(b.text);
      const note = b.note ? ` (${escape(b.note)})` : '';
      return `<h${b.level}${b.id ? ` id="${escape(b.id)}"` : ''}>${text}${note}</h${b.level}>`;
    }
    case 'paragraph':
      return `<p>${cell(b.text)}</p>`;
    case 'fields':
      return `<dl>\n${b.items
        .map(
          ({ term, lines }) =>
            `<dt>${escape(term)}</dt>${lines.map((l) => `<dd>${cell(l)}</dd>`).join('')}`,
        )
        .join('\n')}\n</dl>`;
    case 'table': {
      const cls = (k: number): string => (b.numeric[k] ? ' class="num"' : '');
      const head = b.head.map((h, k) => `<th scope="col"${cls(k)}>${escape(h)}</th>`).join('');
      const rows = b.rows.map((r) => {
        const cells = r.cells.map((c, k) => {
          const content =
            k === 0 && r.link ? `<a href="#${escape(r.link)}">${cell(c)}</a>` : cell(c);
          return `<td${cls(k)}>${content}</td>`;
        });
        return `<tr${r.missing ? ' class="missing"' : ''}>${cells.join('')}</tr>`;
      });
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
  }
}

function cell(c: Cell): string {
  return c.map(inline).join('');
}

function inline(i: Inline): string {
  let out = escape(i.text);
  if (i.code) out = `<code>${out}</code>`;
  if (i.strong) out = `<strong>${out}</strong>`;
  return i.lang ? `<span${lang(i.lang)}>${out}</span>` : out;
}

function lang(language: string | undefined): string {
  return language ? ` lang="${escape(language)}"` : '';
}

const notText = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text and attribute values escaped; control characters, which HTML does not allow, removed. */
export function escape(s: string): string {
  return s.replace(notText, '').replace(/[&<>"']/g, (c) => entities[c]!);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
