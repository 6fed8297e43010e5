/**
 * Writes a codebook as DDI Codebook 2.5 XML (the DDI Alliance's schema, namespace
 * `ddi:codebook:2_5`): the study's citation, a file description with the number of cases and
 * variables, then a `<var>` per variable of the data file and a `<varGrp type="multipleResp">` per
 * multiple choice. The counts come from a `DataSummary` of every row (codebook/summary.ts); then
 * the text comes out in chunks, a variable at a time:
 *
 *   await pipeline(Readable.from(writeDdi(codebook)), createWriteStream('wave-1.xml'));
 *
 * `ddiWriter` is the same as a `TableWriter` (table-writer.ts) over a chunked dataset: it sees
 * every chunk, then writes the whole document; flat memory whatever the number of rows.
 */
import type { Codebook, CodebookShape, DescribedCodebook } from '../codebook/codebook.js';
import {
  changesByVariable,
  changesNotInData,
  codebookLanguages,
  entries,
} from '../codebook/describe.js';
import { summaryWriter, writeCodebookWhole } from '../codebook/summary.js';
import { fileColumns } from '../option-names.js';
import type { TableWriter } from '../table-writer.js';
import { DdiError } from './errors.js';
import { checkStudy, fileDescription, studyDescription } from './study.js';
import { groupElement, variableElement } from './variables.js';
import { startTag } from './xml.js';

export interface DdiOptions {
  /** Category counts and summary statistics (valid, invalid, minimum, ...); default true. */
  statistics?: boolean;
}

export const ddiNamespace = 'ddi:codebook:2_5';
const schemaLocation = `${ddiNamespace} https://ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd`;

/** What xml:lang takes (xs:language): `ru`, `en`, `pt-BR`. */
const languageTag = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const fileId = 'F1';

/**
 * The document of a dataset's shape, as a table writer. The codebook is checked here (a
 * `DdiError`): a language that is not a language tag, a study without a title, a date that is
 * not ISO.
 */
export function ddiWriter(codebook: CodebookShape, options: DdiOptions = {}): TableWriter {
  const languages = codebookLanguages(codebook);
  for (const l of languages)
    if (!languageTag.test(l))
      throw new DdiError(`the language "${l}" is not a language tag such as ru, en or pt-BR`);
  checkStudy(codebook.study, languages);
  const statistics = options.statistics ?? true;
  return summaryWriter(codebook.shape, (summary) =>
    chunks({ ...codebook, summary }, languages, statistics),
  );
}

/**
 * The document of a dataset in memory, chunk by chunk. The codebook is checked before this
 * returns, as `ddiWriter` checks it.
 */
export function writeDdi(
  codebook: Codebook,
  options: DdiOptions = {},
): Generator<string, void, undefined> {
  return writeCodebookWhole(codebook, (c) => ddiWriter(c, options));
}

function* chunks(
  codebook: DescribedCodebook,
  languages: readonly string[],
  statistics: boolean,
): Generator<string, void, undefined> {
  const columns = fileColumns(codebook.shape);
  const ids = new Map<string, string[]>();
  columns.forEach((f, i) => ids.set(f.column, [...(ids.get(f.column) ?? []), `V${i + 1}`]));

  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield (
    startTag('codeBook', {
      xmlns: ddiNamespace,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': schemaLocation,
      version: '2.5',
      'xml:lang': languages[0],
    }) + '\n'
  );
  yield studyDescription(codebook.study, languages) + '\n';
  yield (
    fileDescription(
      { id: fileId, name: codebook.fileName, cases: codebook.summary.n, variables: columns.length },
      changesNotInData(codebook),
    ) + '\n'
  );
  yield '  <dataDscr>\n';

  const changes = changesByVariable(codebook);
  let group = 0;
  for (const [name, c] of codebook.shape.columns) {
    if (c.type !== 'multiple') continue;
    const element = groupElement(
      { name, label: c.info.label, changes: changes.get(name) ?? [] },
      { id: `VG${++group}`, variables: ids.get(name) ?? [] },
      languages,
    );
    if (element) yield element + '\n';
  }

  let next = 0;
  for (const entry of entries(codebook))
    for (const v of entry.kind === 'group' ? entry.variables : [entry])
      yield (
        variableElement(v, { id: `V${++next}`, file: fileId }, { languages, statistics }) + '\n'
      );

  yield '  </dataDscr>\n</codeBook>\n';
}
