/**
 * The `type` cell of a survey row: what kind of row it is and, for questions, how it maps.
 * Spellings ODK accepts (`select one`, `select all that apply`, `begin_group`, `int`,
 * `string`) read as their canonical types; case does not matter.
 */
export type QuestionType =
  'select_one' | 'select_multiple' | 'integer' | 'decimal' | 'text' | 'date' | 'note' | 'range';

export type RowType =
  | { kind: 'question'; type: QuestionType; list?: string; orOther?: boolean }
  | { kind: 'begin-group' | 'end-group' | 'begin-repeat' | 'end-repeat' }
  | { kind: 'calculate' | 'hidden' }
  /** Facts about the device or the session that ODK records without asking. */
  | { kind: 'metadata'; type: string; reason: string }
  /** A question type Longitude has no equivalent for. */
  | { kind: 'unsupported'; type: string; reason: string }
  | { kind: 'unknown'; type: string };

const simple: Record<string, QuestionType> = {
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  text: 'text',
  string: 'text',
  date: 'date',
  note: 'note',
  range: 'range',
};

const noLocation =
  'Longitude collects no locations: a precise location could identify a respondent.';
const noFiles = 'Longitude takes no uploaded files, photographs or recordings.';
const external = 'Longitude reads choices from the choices sheet only, not from external files.';

const unsupported: Record<string, string> = {
  time: 'Longitude asks for dates and months, not times of day.',
  datetime: 'Longitude asks for dates and months, not times of day.',
  geopoint: noLocation,
  geotrace: noLocation,
  geoshape: noLocation,
  image: noFiles,
  audio: noFiles,
  video: noFiles,
  file: noFiles,
  'background-audio': noFiles,
  barcode: 'Longitude has no barcode scanning.',
  rank: 'Longitude has no ranking question; ask a select_one per rank or a grid.',
  acknowledge: 'Longitude has no acknowledge question; use a note or a select_one with one choice.',
  trigger: 'Longitude has no acknowledge question; use a note or a select_one with one choice.',
  select_one_from_file: external,
  select_multiple_from_file: external,
  select_one_external: external,
  'xml-external': external,
  'csv-external': external,
};

const timing = 'Longitude records when each page was shown and saved by itself.';
const identifying = 'Longitude keeps nothing that identifies a device or a person.';
const metadata: Record<string, string> = {
  start: timing,
  end: timing,
  today: timing,
  audit: timing,
  deviceid: identifying,
  subscriberid: identifying,
  simserial: identifying,
  phonenumber: identifying,
  username: identifying,
  email: identifying,
  'start-geopoint': noLocation,
  'background-geopoint': noLocation,
};

export function readRowType(cell: string): RowType {
  const words = cell.trim().split(/\s+/);
  const lower = words.map((w) => w.toLowerCase());
  const joined = lower.join(' ').replace(/_/g, ' ');
  switch (joined) {
    case 'begin group':
      return { kind: 'begin-group' };
    case 'end group':
      return { kind: 'end-group' };
    case 'begin repeat':
      return { kind: 'begin-repeat' };
    case 'end repeat':
      return { kind: 'end-repeat' };
    case 'calculate':
      return { kind: 'calculate' };
    case 'hidden':
      return { kind: 'hidden' };
  }
  const select = selectOf(lower);
  if (select) {
    const rest = words.slice(select.words);
    const orOther = rest.length === 2 && rest[1]!.toLowerCase() === 'or_other';
    if (rest.length === 1 || orOther)
      return { kind: 'question', type: select.type, list: rest[0]!, orOther };
    return { kind: 'unknown', type: cell.trim() };
  }
  if (words.length === 1) {
    const word = lower[0]!;
    if (simple[word]) return { kind: 'question', type: simple[word] };
    if (unsupported[word]) return { kind: 'unsupported', type: word, reason: unsupported[word] };
    if (metadata[word]) return { kind: 'metadata', type: word, reason: metadata[word] };
  }
  const first = lower[0]!;
  if (unsupported[first]) return { kind: 'unsupported', type: first, reason: unsupported[first] };
  return { kind: 'unknown', type: cell.trim() };
}

/** `select_one`, `select one`, `select_multiple`, `select multiple`, `select all that apply`. */
function selectOf(
  lower: string[],
): { type: 'select_one' | 'select_multiple'; words: number } | undefined {
  const [a, b, c, d] = lower;
  if (a === 'select_one') return { type: 'select_one', words: 1 };
  if (a === 'select_multiple') return { type: 'select_multiple', words: 1 };
  if (a === 'select' && b === 'one') return { type: 'select_one', words: 2 };
  if (a === 'select' && b === 'multiple') return { type: 'select_multiple', words: 2 };
  if (a === 'select' && b === 'all' && c === 'that' && d === 'apply')
    return { type: 'select_multiple', words: 4 };
  return undefined;
}
