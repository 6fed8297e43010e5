/**
 * Writes a codebook as DDI Codebook 2.5 XML (the DDI Alliance's schema, namespace
 * `ddi:codebook:2_5`): the study's citation, a file description with the number of cases and
 * variables, then a `<var>` per variable of the data file and a `<varGrp type="multipleResp">` per
 * multiple choice. Text comes out in chunks, a variable at a time, each variable's counts computed
 * as it is written:
 *
 *   await pipeline(Readable.from(writeDdi(codebook)), createWriteStream('wave-1.xml'));
 */
import type { Codebook } from '../codebook/codebook.js';
import {
  changesByVariable,
  changesNotInData,
  codebookLanguages,
  entries,
} from '../codebook/describe.js';
import { fileColumns } from '../option-names.js';
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
 * The document, chunk by chunk. The codebook is checked before this returns (a `DdiError`): a
 * language that is not a language tag, a study without a title, a date that is not ISO.
 */
export function writeDdi(
  codebook: Codebook,
  options: DdiOptions = {},
): Generator<string, void, undefined> {
  const languages = codebookLanguages(codebook);
  for (const l of languages)
    if (!languageTag.test(l))
      throw new DdiError(`the language "${l}" is not a language tag such as ru, en or pt-BR`);
  checkStudy(codebook.study, languages);
  return chunks(codebook, languages, options.statistics ?? true);
}

function* chunks(
  codebook: Codebook,
  languages: readonly string[],
  statistics: boolean,
): Generator<string, void, undefined> {
  const columns = fileColumns(codebook.data);
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
      { id: fileId, name: codebook.fileName, cases: codebook.data.n, variables: columns.length },
      changesNotInData(codebook),
    ) + '\n'
  );
  yield '  <dataDscr>\n';

  const changes = changesByVariable(codebook);
  let group = 0;
  for (const [name, c] of codebook.data.columns) {
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
