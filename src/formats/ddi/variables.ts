/**
 * A `<var>` per variable of the data file and a `<varGrp type="multipleResp">` per multiple
 * choice. A variable has its name, label and question in each language (a grid's own question as
 * `preQTxt`, the hint as `ivuInstr`), its categories with code, labels, count and `missing="Y"`
 * for declared missing codes, valid and invalid counts (and minimum, maximum, mean and standard
 * deviation for numbers without categories), its format, its measure as `nature`, and notes for
 * the questionnaire's kind, the reference period and the public-use changes.
 */
import type { Text } from '../../questionnaire/schema.js';
import type { VariableKind } from '../../questionnaire/variables.js';
import type { Category, Question, VariableEntry } from '../codebook/describe.js';
import { changeNote, perLanguage } from './study.js';
import { parent, textElement, type Attributes } from './xml.js';

const responseDomains: Record<VariableKind, string> = {
  select_one: 'category',
  select_multiple: 'multiple',
  rating: 'category',
  integer: 'numeric',
  decimal: 'numeric',
  date: 'datetime',
  month: 'datetime',
  country: 'category',
  text: 'text',
  other_text: 'text',
};

/** Indents of a variable, its children and theirs (inside `<dataDscr>`). */
const [v0, v1, v2] = ['    ', '      ', '        '];

export interface DdiVariableOptions {
  languages: readonly string[];
  /** Counts per category and summary statistics. */
  statistics: boolean;
}

export function variableElement(
  v: VariableEntry,
  ids: { id: string; file: string },
  options: DdiVariableOptions,
): string {
  const { languages } = options;
  const dated = v.info.kind === 'date' || v.info.kind === 'month';
  const attrs: Attributes = {
    ID: ids.id,
    name: v.name,
    files: ids.file,
    intrvl: v.type === 'number' && v.info.measure === 'scale' ? 'contin' : 'discrete',
    nature: nature(v),
    representationType: representation(v, dated),
  };
  const format = {
    type: v.type === 'number' ? 'numeric' : 'character',
    category: dated ? 'date' : undefined,
  };
  const children = [
    ...perLanguage('labl', v.label, languages, v1),
    ...question(v.question, v.info.kind, languages),
    ...(options.statistics ? statistics(v) : []),
    ...v.categories.map((c) => category(c, languages, options.statistics)),
    v1 + textElement('varFormat', format, ''),
    ...notes(v),
  ];
  return parent('var', attrs, children, v0);
}

function representation(v: VariableEntry, dated: boolean): string {
  if (v.type === 'text') return dated ? 'datetime' : 'text';
  return v.categories.length > 0 ? 'code' : 'numeric';
}

function nature(v: VariableEntry): string | undefined {
  switch (v.info.measure) {
    case 'nominal':
    case 'ordinal':
      return v.info.measure;
    case 'scale':
      // DDI splits SPSS's scale into interval and ratio; a questionnaire does not say which.
      return v.type === 'number' ? 'interval' : undefined;
  }
}

function question(
  q: Question | undefined,
  kind: VariableKind | undefined,
  languages: readonly string[],
): string[] {
  if (!q) return [];
  const children = [
    ...perLanguage('preQTxt', q.stem, languages, v2),
    ...perLanguage('qstnLit', q.text, languages, v2),
    ...perLanguage('ivuInstr', q.hint, languages, v2),
  ];
  if (children.length === 0) return [];
  const domain = kind ? responseDomains[kind] : undefined;
  return [parent('qstn', { responseDomainType: domain }, children, v1)];
}

function statistics(v: VariableEntry): string[] {
  const stat = (type: string, value: number): string =>
    v1 + textElement('sumStat', { type }, String(value));
  const out = [stat('vald', v.valid), stat('invd', v.empty + v.declaredMissing)];
  const s = v.summary;
  if (s) {
    out.push(stat('min', s.min), stat('max', s.max), stat('mean', s.mean));
    if (!Number.isNaN(s.sd)) out.push(stat('stdev', s.sd));
  }
  return out;
}

function category(c: Category, languages: readonly string[], counts: boolean): string {
  const labels = perLanguage('labl', c.label, languages, v2);
  // A choice without a label in any of the codebook's languages is labelled by its name.
  if (labels.length === 0 && c.name !== undefined)
    labels.push(v2 + textElement('labl', {}, c.name));
  return parent(
    'catgry',
    { missing: c.missing ? 'Y' : undefined },
    [
      v2 + textElement('catValu', {}, String(c.code)),
      ...labels,
      ...(counts ? [v2 + textElement('catStat', { type: 'freq' }, String(c.count))] : []),
    ],
    v1,
  );
}

function notes(v: VariableEntry): string[] {
  const note = (attrs: Attributes, text: string): string => v1 + textElement('notes', attrs, text);
  const out: string[] = [];
  if (v.info.kind) out.push(note({ subject: 'questionnaire item type' }, v.info.kind));
  if (v.info.referencePeriod)
    out.push(note({ subject: 'reference period' }, v.info.referencePeriod));
  for (const change of v.changes) out.push(note(changeNote(v.name), change));
  return out;
}

/** A multiple choice's group of 0/1 variables; none for a multiple choice without options. */
export function groupElement(
  g: { name: string; label?: Text; changes: readonly string[] },
  ids: { id: string; variables: readonly string[] },
  languages: readonly string[],
): string | undefined {
  if (ids.variables.length === 0) return undefined;
  return parent(
    'varGrp',
    { ID: ids.id, type: 'multipleResp', var: ids.variables.join(' '), name: g.name },
    [
      ...perLanguage('labl', g.label, languages, v1),
      ...g.changes.map((change) => v1 + textElement('notes', changeNote(g.name), change)),
    ],
    v0,
  );
}
