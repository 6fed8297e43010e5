/**
 * The readable codebook as blocks (headings, fields, tables, paragraphs) that the Markdown and
 * HTML writers each render: the study's citation, what the public-use file changed, an index of
 * the variables, then a section per variable or multiple choice with its label, question and
 * hint in each language, type, measure, reference period, counts, statistics and categories.
 */
import type { Text } from '../../questionnaire/schema.js';
import type { CodebookShape, DescribedCodebook } from './codebook.js';
import {
  changesNotInData,
  codebookLanguages,
  entries,
  type Category,
  type Entry,
  type GroupEntry,
  type Question,
  type VariableEntry,
} from './describe.js';
import { wordsFor, type Words } from './words.js';

/** A run of text, in a language where it is a label or question. */
export interface Inline {
  text: string;
  lang?: string;
  code?: boolean;
  strong?: boolean;
}

export type Cell = Inline[];

export type Block =
  | { kind: 'title'; text: string; lang?: string }
  | {
      kind: 'heading';
      /** 2 for the codebook's parts, 3 for a variable. */
      level: 2 | 3;
      text: string;
      code: boolean;
      id?: string;
      note?: string;
    }
  | { kind: 'fields'; items: { term: string; lines: Cell[] }[] }
  | {
      kind: 'table';
      head: string[];
      /** Which columns hold numbers (aligned right). */
      numeric: boolean[];
      rows: { cells: Cell[]; missing?: boolean; link?: string }[];
    }
  | { kind: 'paragraph'; text: Cell };

export interface Layout {
  /** The language of the codebook's own words. */
  language: string;
  languages: string[];
  words: Words;
  title: string;
  format: Formats;
}

export interface Formats {
  count(n: number): string;
  share(part: number, whole: number): string;
  number(x: number): string;
  statistic(x: number): string;
}

export function layoutOf(codebook: CodebookShape, language: string | undefined): Layout {
  const languages = codebookLanguages(codebook);
  const lang = language ?? languages[0] ?? 'en';
  const title =
    languages.map((l) => codebook.study.title[l]).find((t) => t) ??
    Object.values(codebook.study.title).find((t) => t) ??
    '';
  return { language: lang, languages, words: wordsFor(lang), title, format: formats(lang) };
}

function formats(language: string): Formats {
  const locale = safeLocale(language);
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const share = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const statistic = new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 });
  return {
    count: (n) => count.format(n),
    share: (part, whole) => (whole > 0 ? share.format((100 * part) / whole) : ''),
    number: (x) => number.format(x),
    statistic: (x) => (Number.isNaN(x) ? '' : statistic.format(x)),
  };
}

function safeLocale(language: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
  } catch {
    return 'en';
  }
}

const plain = (text: string): Inline => ({ text });

function capitalised(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

function table(
  head: readonly string[],
  numeric: readonly boolean[],
  rows: Extract<Block, { kind: 'table' }>['rows'],
): Block {
  if (numeric.length !== head.length || rows.some((r) => r.cells.length !== head.length))
    throw new Error(`a codebook table of ${head.length} columns has a row of another width`);
  return { kind: 'table', head: head.map(capitalised), numeric: [...numeric], rows };
}

/** The citation, the changes and the index: what comes before the variables. */
export function headBlocks(codebook: DescribedCodebook, layout: Layout): Block[] {
  const { words, languages, format } = layout;
  const study = codebook.study;
  const out: Block[] = [{ kind: 'title', text: layout.title, lang: languages[0] }];
  const otherTitles = languages.filter((l) => study.title[l] && study.title[l] !== layout.title);
  const fields: { term: string; lines: Cell[] }[] = [];
  if (otherTitles.length > 0)
    out.push({
      kind: 'paragraph',
      text: otherTitles.flatMap((l, i) => [
        ...(i > 0 ? [plain(' · ')] : []),
        { text: study.title[l]!, lang: l },
      ]),
    });
  const field = (term: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') fields.push({ term, lines: [[plain(value)]] });
  };
  field(words.id, study.id);
  if (study.authors && study.authors.length > 0)
    fields.push({
      term: words.authors,
      lines: study.authors.map((a) => [
        plain(a.affiliation ? `${a.name} (${a.affiliation})` : a.name),
      ]),
    });
  field(words.producer, study.producer);
  field(words.date, study.date);
  field(words.version, study.version);
  field(words.file, codebook.fileName);
  field(words.cases, format.count(codebook.summary.n));
  out.push({ kind: 'fields', items: fields });

  const changes = codebook.changes ?? [];
  if (changes.length > 0) {
    const dropped = new Set(changesNotInData(codebook));
    out.push({ kind: 'heading', level: 2, text: words.changes, code: false, id: 'changes' });
    out.push({ kind: 'paragraph', text: [plain(words.changesIntro)] });
    out.push(
      table(
        [words.variable, words.change, ''],
        [false, false, false],
        changes.map((c) => ({
          cells: [
            [{ text: c.variable, code: true }],
            [plain(c.change)],
            dropped.has(c) ? [plain(words.notInData)] : [],
          ],
        })),
      ),
    );
  }
  return out;
}

/** The index of variables: name, label in the first language, type. */
export function indexBlocks(codebook: CodebookShape, layout: Layout): Block[] {
  const { words, languages } = layout;
  const rows: { cells: Cell[]; link: string }[] = [];
  let i = 0;
  for (const [name, c] of codebook.shape.columns) {
    i++;
    const label = firstText(c.info.label, languages);
    const type = c.type === 'multiple' ? words.multiple : words[c.type];
    rows.push({
      cells: [[{ text: name, code: true }], label ? [label] : [], [plain(type)]],
      link: anchor(i),
    });
  }
  return [
    {
      kind: 'heading',
      level: 2,
      text: words.variables,
      code: false,
      id: 'variables',
      note: `${layout.format.count(rows.length)}`,
    },
    table([words.name, words.label, words.type], [false, false, false], rows),
  ];
}

export function anchor(position: number): string {
  return `v${position}`;
}

function firstText(text: Text | undefined, languages: readonly string[]): Inline | undefined {
  for (const l of languages) if (text?.[l]) return { text: text[l], lang: l };
  return undefined;
}

/** Each entry's blocks, one entry at a time. */
export function* entryBlocks(codebook: DescribedCodebook, layout: Layout): Generator<Block[]> {
  let position = 0;
  for (const entry of entries(codebook)) yield blocksOf(entry, ++position, layout);
}

function blocksOf(entry: Entry, position: number, layout: Layout): Block[] {
  return entry.kind === 'group'
    ? groupBlocks(entry, position, layout)
    : variableBlocks(entry, position, layout);
}

function perLanguage(text: Text | undefined, languages: readonly string[]): Cell[] {
  const present = languages.filter((l) => text?.[l]);
  return present.map((l) => [
    ...(present.length > 1 ? [plain(`${l}: `)] : []),
    { text: text![l]!, lang: l },
  ]);
}

function questionLines(q: Question | undefined, languages: readonly string[]): Cell[] {
  if (!q) return [];
  return languages
    .filter((l) => q.text[l])
    .map((l) => [
      ...(languages.length > 1 ? [plain(`${l}: `)] : []),
      ...(q.stem?.[l] ? [{ text: `${q.stem[l]} `, lang: l }] : []),
      { text: q.text[l]!, lang: l },
    ]);
}

function describing(
  label: Text | undefined,
  question: Question | undefined,
  layout: Layout,
): { term: string; lines: Cell[] }[] {
  const { words, languages } = layout;
  const out: { term: string; lines: Cell[] }[] = [];
  const labels = perLanguage(label, languages);
  if (labels.length > 0) out.push({ term: words.label, lines: labels });
  const questions = questionLines(question, languages);
  if (questions.length > 0) out.push({ term: words.question, lines: questions });
  const hints = perLanguage(question?.hint, languages);
  if (hints.length > 0) out.push({ term: words.hint, lines: hints });
  return out;
}

function typeLine(
  type: string,
  info: VariableEntry['info'],
  layout: Layout,
): { term: string; lines: Cell[] }[] {
  const { words } = layout;
  const parts = [type, `${words.measure}: ${words.measures[info.measure]}`];
  if (info.kind) parts.push(`${words.kind}: ${info.kind}`);
  const out = [{ term: words.type, lines: [[plain(parts.join(' · '))]] }];
  if (info.scale)
    out.push({
      term: words.scale,
      lines: [
        [plain(`${layout.format.number(info.scale.min)}–${layout.format.number(info.scale.max)}`)],
      ],
    });
  if (info.referencePeriod)
    out.push({ term: words.referencePeriod, lines: [[plain(info.referencePeriod)]] });
  return out;
}

function changeFields(
  changes: readonly string[],
  layout: Layout,
): { term: string; lines: Cell[] }[] {
  return changes.length > 0
    ? [{ term: layout.words.changed, lines: changes.map((c) => [plain(c)]) }]
    : [];
}

function variableBlocks(v: VariableEntry, position: number, layout: Layout): Block[] {
  const { words, format } = layout;
  const n = v.valid + v.declaredMissing + v.empty;
  const counts = [
    `${words.valid}: ${format.count(v.valid)}`,
    ...(v.declaredMissing > 0
      ? [`${words.declaredMissing}: ${format.count(v.declaredMissing)}`]
      : []),
    `${words.noAnswer}: ${format.count(v.empty)}`,
  ];
  const fields = [
    ...describing(v.label, v.question, layout),
    ...typeLine(v.type === 'number' ? words.number : words.text, v.info, layout),
    { term: words.answers, lines: [[plain(counts.join(' · '))]] },
  ];
  const s = v.summary;
  if (s)
    fields.push({
      term: words.statistics,
      lines: [
        [
          plain(
            [
              `${words.min}: ${format.number(s.min)}`,
              `${words.max}: ${format.number(s.max)}`,
              `${words.mean}: ${format.statistic(s.mean)}`,
              ...(Number.isNaN(s.sd) ? [] : [`${words.sd}: ${format.statistic(s.sd)}`]),
            ].join(' · '),
          ),
        ],
      ],
    });
  fields.push(...changeFields(v.changes, layout));
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: v.name, code: true, id: anchor(position) },
    { kind: 'fields', items: fields },
  ];
  if (v.categories.length > 0) blocks.push(categoryTable(v, n, layout));
  else if (v.type === 'text') blocks.push({ kind: 'paragraph', text: [plain(words.freeText)] });
  return blocks;
}

function categoryTable(v: VariableEntry, n: number, layout: Layout): Block {
  const { words, languages, format } = layout;
  const named = v.categories.some((c) => c.name !== undefined);
  const labelled = languages.filter((l) => v.categories.some((c) => c.label?.[l]));
  const row = (c: Category): { cells: Cell[]; missing?: boolean } => ({
    cells: [
      [plain(String(c.code))],
      ...(named ? [c.name !== undefined ? [{ text: c.name, code: true }] : []] : []),
      ...labelled.map((l) => (c.label?.[l] ? [{ text: c.label[l], lang: l }] : [])),
      [plain(format.count(c.count))],
      [plain(format.share(c.count, n))],
      [plain(c.missing ? '' : format.share(c.count, v.valid))],
      c.missing ? [{ text: words.declaredMissing, strong: true }] : [],
    ],
    ...(c.missing ? { missing: true } : {}),
  });
  const width = 1 + (named ? 1 : 0) + labelled.length;
  return table(
    [
      words.code,
      ...(named ? [words.name] : []),
      ...labelled.map((l) => (labelled.length > 1 ? `${words.label} (${l})` : words.label)),
      words.count,
      words.share,
      words.validShare,
      '',
    ],
    [...Array<boolean>(width).fill(false), true, true, true, false],
    [
      ...v.categories.map(row),
      {
        cells: [
          ...Array.from({ length: width }, (_, i): Cell =>
            i === width - 1 ? [plain(words.noAnswer)] : [],
          ),
          [plain(format.count(v.empty))],
          [plain(format.share(v.empty, n))],
          [],
          [],
        ],
      },
    ],
  );
}

function groupBlocks(g: GroupEntry, position: number, layout: Layout): Block[] {
  const { words, languages, format } = layout;
  const fields = [
    ...describing(g.label, g.question, layout),
    ...typeLine(words.multipleResponse, g.info, layout),
    {
      term: words.answers,
      lines: [
        [
          plain(
            `${words.answered}: ${format.count(g.answered)} · ${words.notAnswered}: ${format.count(g.empty)}`,
          ),
        ],
      ],
    },
    ...changeFields(g.changes, layout),
  ];
  const labelled = languages.filter((l) => g.variables.some((v) => v.option?.label?.[l]));
  const changed = g.variables.some((v) => v.changes.length > 0);
  const rows = g.variables.map((v) => {
    const chosen = v.categories.find((c) => c.code === 1)?.count ?? 0;
    return {
      cells: [
        [{ text: v.name, code: true }],
        [plain(String(v.option!.code))],
        v.option!.name !== undefined ? [{ text: v.option!.name, code: true }] : [],
        ...labelled.map((l) =>
          v.option!.label?.[l] ? [{ text: v.option!.label[l], lang: l }] : [],
        ),
        [plain(format.count(chosen))],
        [plain(format.share(chosen, g.answered))],
        ...(changed ? [v.changes.map((c) => plain(c))] : []),
      ],
    };
  });
  return [
    { kind: 'heading', level: 3, text: g.name, code: true, id: anchor(position) },
    { kind: 'fields', items: fields },
    table(
      [
        words.columns,
        words.code,
        words.name,
        ...labelled.map((l) => (labelled.length > 1 ? `${words.label} (${l})` : words.label)),
        words.chosen,
        words.chosenShare,
        ...(changed ? [words.change] : []),
      ],
      [false, false, false, ...labelled.map(() => false), true, true, ...(changed ? [false] : [])],
      rows,
    ),
  ];
}
