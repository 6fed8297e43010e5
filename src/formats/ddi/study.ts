/**
 * The study description (its citation: title in each language, identifier, authors, producer,
 * date, version) and the file description (the file's name, its number of cases and variables,
 * and the public-use changes to variables no longer in it).
 */
import type { Text } from '../../questionnaire/schema.js';
import type { PublicUseChange, StudyCitation } from '../codebook/codebook.js';
import { DdiError } from './errors.js';
import { parent, textElement } from './xml.js';

/** `2022`, `2022-10` or `2022-10-01`, as DDI asks dates to be written. */
const isoDate = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Refuses a citation DDI cannot carry: no title, or a date that is not ISO. */
export function checkStudy(study: StudyCitation, languages: readonly string[]): void {
  if (!languages.some((l) => study.title[l]))
    throw new DdiError(
      `the study has no title in ${languages.length > 0 ? languages.join(', ') : 'any language'}; DDI requires one`,
    );
  if (study.date !== undefined && !isoDate.test(study.date))
    throw new DdiError(`the study's date "${study.date}" is not an ISO date like 2022-10-01`);
}

/** Each language's text, as elements with xml:lang, in the codebook's order of languages. */
export function perLanguage(
  name: string,
  text: Text | undefined,
  languages: readonly string[],
  indent: string,
): string[] {
  const out: string[] = [];
  for (const l of languages) {
    const t = text?.[l];
    if (t) out.push(indent + textElement(name, { 'xml:lang': l }, t));
  }
  return out;
}

export function studyDescription(study: StudyCitation, languages: readonly string[]): string {
  const i = '        ';
  const titled = languages.filter((l) => study.title[l]);
  const title = [
    i + textElement('titl', { 'xml:lang': titled[0] }, study.title[titled[0]!]!),
    ...titled.slice(1).map((l) => i + textElement('parTitl', { 'xml:lang': l }, study.title[l]!)),
    ...(study.id !== undefined ? [i + textElement('IDNo', {}, study.id)] : []),
  ];
  const authors = (study.authors ?? []).map(
    (a) => i + textElement('AuthEnty', { affiliation: a.affiliation }, a.name),
  );
  const production = [
    ...(study.producer !== undefined ? [i + textElement('producer', {}, study.producer)] : []),
    ...(study.date !== undefined
      ? [i + textElement('prodDate', { date: study.date }, study.date)]
      : []),
  ];
  const version =
    study.version !== undefined
      ? [i + textElement('version', { date: study.date }, study.version)]
      : [];
  const s = '      ';
  const citation = [
    parent('titlStmt', {}, title, s),
    ...(authors.length > 0 ? [parent('rspStmt', {}, authors, s)] : []),
    ...(production.length > 0 ? [parent('prodStmt', {}, production, s)] : []),
    ...(version.length > 0 ? [parent('verStmt', {}, version, s)] : []),
  ];
  return parent('stdyDscr', {}, [parent('citation', {}, citation, '    ')], '  ');
}

export function fileDescription(
  file: { id: string; name?: string; cases: number; variables: number },
  dropped: readonly PublicUseChange[],
): string {
  const i = '      ';
  const text = [
    ...(file.name !== undefined ? [i + textElement('fileName', {}, file.name)] : []),
    parent(
      'dimensns',
      {},
      [
        `${i}  ${textElement('caseQnty', {}, String(file.cases))}`,
        `${i}  ${textElement('varQnty', {}, String(file.variables))}`,
      ],
      i,
    ),
  ];
  return parent(
    'fileDscr',
    { ID: file.id },
    [
      parent('fileTxt', {}, text, '    '),
      ...dropped.map(
        (c) => '    ' + textElement('notes', changeNote(c.variable), `${c.variable}: ${c.change}`),
      ),
    ],
    '  ',
  );
}

export function changeNote(variable: string): { type: string; subject: string } {
  return { type: 'public-use change', subject: variable };
}
