/**
 * Codebooks: the `Codebook` every codebook writer takes, and the readable codebook as Markdown
 * and as one self-contained HTML page (the DDI document is `../ddi/`).
 */
export type { Codebook, PublicUseChange, QuestionSource, StudyCitation } from './codebook.js';
export { writeCodebookHtml } from './html.js';
export { writeCodebookMarkdown, type ReadableCodebookOptions } from './markdown.js';
