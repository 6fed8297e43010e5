/**
 * Codebooks: what every codebook writer takes (a `Codebook` with its dataset in memory, or a
 * `CodebookShape` with the data's shape for the table writers over chunks), and the readable
 * codebook as Markdown and as one self-contained HTML page (the DDI document is `../ddi/`).
 */
export type {
  Codebook,
  CodebookInfo,
  CodebookShape,
  DescribedCodebook,
  PublicUseChange,
  QuestionSource,
  StudyCitation,
} from './codebook.js';
export { codebookHtmlWriter, writeCodebookHtml } from './html.js';
export {
  codebookMarkdownWriter,
  writeCodebookMarkdown,
  type ReadableCodebookOptions,
} from './markdown.js';
export { DataSummary, type ColumnSummary } from './summary.js';
