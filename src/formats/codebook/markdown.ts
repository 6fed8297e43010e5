/**
 * The readable codebook as Markdown (CommonMark with GitHub's tables): text from the data is
 * escaped, so a label with `*`, `<`, `|` or `&` shows as it is written and never becomes markup,
 * HTML or a new table cell; line breaks inside a label become spaces.
 *
 *   await pipeline(Readable.from(writeCodebookMarkdown(codebook)), createWriteStream('codebook.md'));
 *
 * `codebookMarkdownWriter` writes it from a chunked dataset: the rows counted, then the document.
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
import { summaryWriter, writeCodebookWhole } from './summary.js';

export interface ReadableCodebookOptions {
  /** The language of the codebook's own words (headings, column titles): `en` or `ru`; by default its first language. */
  language?: string;
}

/** The Markdown codebook of a dataset's shape, as a table writer: all of it after the rows are seen. */
export function codebookMarkdownWriter(
  codebook: CodebookShape,
  options: ReadableCodebookOptions = {},
): TableWriter {
  return summaryWriter(codebook.shape, (summary) => markdown({ ...codebook, summary }, options));
}

/** The Markdown codebook of a dataset in memory. */
export function writeCodebookMarkdown(
  codebook: Codebook,
  options: ReadableCodebookOptions = {},
): Generator<string, void, undefined> {
  return writeCodebookWhole(codebook, (c) => codebookMarkdownWriter(c, options));
}

function* markdown(
  codebook: DescribedCodebook,
  options: ReadableCodebookOptions,
): Generator<string, void, undefined> {
  const layout = layoutOf(codebook, options.language);
  yield render(headBlocks(codebook, layout));
  yield render(indexBlocks(codebook, layout));
  for (const blocks of entryBlocks(codebook, layout)) yield render(blocks);
}

function render(blocks: readonly Block[]): string {
  return blocks.map((b) => `${block(b)}\n\n`).join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `# ${escape(b.text)}`;
    case 'heading': {
      const text = b.code ? codeSpan(b.text) : escape(b.text);
      return `${'#'.repeat(b.level)} ${text}${b.note ? ` (${escape(b.note)})` : ''}`;
    }
    case 'paragraph':
      return cell(b.text, false);
    case 'fields':
      return b.items
        .map(({ term, lines }) =>
          lines.length === 1
            ? `**${escape(term)}:** ${cell(lines[0]!, false)}`
            : `**${escape(term)}:**\n\n${lines.map((l) => `- ${cell(l, false)}`).join('\n')}`,
        )
        .join('\n\n');
    case 'table': {
      const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
      return [
        row(b.head.map((h) => escape(h) || ' ')),
        row(b.numeric.map((n) => (n ? '---:' : '---'))),
        ...b.rows.map((r) => row(r.cells.map((c) => cell(c, true) || ' '))),
      ].join('\n');
    }
  }
}

function cell(c: Cell, inTable: boolean): string {
  return c.map((i) => inline(i, inTable)).join('');
}

function inline(i: Inline, inTable: boolean): string {
  if (i.code) {
    const span = codeSpan(i.text);
    // GitHub's tables split cells at any unescaped |, even inside code.
    return inTable ? span.replace(/\|/g, '\\|') : span;
  }
  const text = escape(i.text);
  return i.strong ? `**${text}**` : text;
}

/**
 * Text with every character Markdown could read as markup escaped by a backslash (valid before
 * any ASCII punctuation), a list or heading marker at its start too; line breaks become spaces.
 */
export function escape(s: string): string {
  return s
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|&~!]/g, '\\$&')
    .replace(/^([-+#=])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** A code span long enough that no run of backticks in the text closes it. */
export function codeSpan(s: string): string {
  const text = s.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
