/**
 * A public-use version of a dataset, as archives ask for: free text dropped (open answers can
 * name people and places), ids replaced by new random ones (the same person keeps one new id
 * across a file's rows, so panel rows still link), and answers given by fewer than k
 * respondents grouped into one "other" category, so that no rare answer singles anyone out.
 * Contacts and panel codes are never in a dataset. Every change is listed for the codebook.
 * Pure: the random ids come from the function passed in.
 */
import {
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
  type NumberColumn,
  type TextColumn,
  type ValueLabel,
} from './dataset.js';

export interface PublicUseChange {
  variable: string;
  change: string;
}

export interface PublicUseOptions {
  /** Answers given by fewer respondents than this are grouped (default 5). */
  k?: number;
  /** Columns holding ids, replaced by new random ones (default response_id, pseudonym). */
  ids?: readonly string[];
  /** A new random id for each distinct old one. */
  newId: () => string;
}

const grouped = 'other_grouped';
const groupedLabel = { en: 'Other (grouped)', ru: 'Другое (объединено)' };

function groupCodes(c: NumberColumn, k: number): { column: NumberColumn; merged: ValueLabel[] } {
  const counts = new Map<number, number>();
  for (const v of c.values) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const missing = new Set(c.labels.filter((l) => l.missing).map((l) => l.code));
  const rare = [...counts].filter(([code, n]) => n < k && !missing.has(code)).map(([code]) => code);
  // Grouping one category alone changes nothing: it is still the only one.
  if (rare.length < 2) return { column: c, merged: [] };
  const code = Math.max(0, ...c.labels.map((l) => l.code), ...counts.keys()) + 1;
  const rareSet = new Set(rare);
  const merged = rare.map((r) => c.labels.find((l) => l.code === r) ?? { code: r });
  return {
    column: {
      ...c,
      values: c.values.map((v) => (rareSet.has(v) ? code : v)),
      labels: [
        ...c.labels.filter((l) => !rareSet.has(l.code)),
        { code, name: grouped, label: groupedLabel },
      ],
    },
    merged,
  };
}

function groupLevels(c: TextColumn, k: number): { column: TextColumn; merged: string[] } {
  const counts = new Array<number>(c.levels.length).fill(0);
  for (const j of c.index) if (j >= 0) counts[j]!++;
  const rare = c.levels.filter((_, j) => counts[j]! > 0 && counts[j]! < k);
  if (rare.length < 2) return { column: c, merged: [] };
  const rareSet = new Set(rare);
  return {
    column: textColumn(
      Array.from(c.index, (j) =>
        j < 0 ? null : rareSet.has(c.levels[j]!) ? grouped : c.levels[j]!,
      ),
      c.info,
    ),
    merged: rare,
  };
}

function groupOptions(
  c: MultipleColumn,
  k: number,
): { column: MultipleColumn; merged: ValueLabel[] } {
  const width = c.options.length;
  const counts = new Array<number>(width).fill(0);
  for (let i = 0; i < c.answered.length; i++)
    for (let j = 0; j < width; j++) counts[j]! += c.chosen[i * width + j]!;
  const rare = c.options.map((_, j) => j).filter((j) => counts[j]! > 0 && counts[j]! < k);
  if (rare.length < 2) return { column: c, merged: [] };
  const keep = c.options.map((_, j) => j).filter((j) => !rare.includes(j));
  const code = Math.max(0, ...c.options.map((o) => o.code)) + 1;
  const options = [...keep.map((j) => c.options[j]!), { code, name: grouped, label: groupedLabel }];
  const chosen = new Uint8Array(c.answered.length * options.length);
  for (let i = 0; i < c.answered.length; i++) {
    keep.forEach((j, m) => (chosen[i * options.length + m] = c.chosen[i * width + j]!));
    chosen[i * options.length + keep.length] = rare.some((j) => c.chosen[i * width + j]) ? 1 : 0;
  }
  return {
    column: { ...c, options, chosen },
    merged: rare.map((j) => c.options[j]!),
  };
}

const named = (l: ValueLabel) => l.name ?? String(l.code);

export function publicUse(
  data: Dataset,
  o: PublicUseOptions,
): { data: Dataset; changes: PublicUseChange[] } {
  const k = o.k ?? 5;
  const ids = new Set(o.ids ?? ['response_id', 'pseudonym']);
  const changes: PublicUseChange[] = [];
  const columns = new Map<string, Column>();
  // One new id per old id across every id column of the file.
  const fresh = new Map<string, string>();
  for (const [name, c] of data.columns) {
    const idColumn = ids.has(name) || /^response_id__/.test(name);
    if (idColumn && c.type === 'text') {
      columns.set(
        name,
        textColumn(
          Array.from(c.index, (j) => {
            if (j < 0) return null;
            const old = c.levels[j]!;
            let id = fresh.get(old);
            if (id === undefined) fresh.set(old, (id = o.newId()));
            return id;
          }),
          c.info,
        ),
      );
      changes.push({ variable: name, change: 'replaced by new random ids' });
      continue;
    }
    if (c.info.kind === 'text' || c.info.kind === 'other_text') {
      changes.push({ variable: name, change: 'dropped: free text' });
      continue;
    }
    if (c.type === 'number' && c.labels.some((l) => l.name !== undefined && !l.missing)) {
      const g = groupCodes(c, k);
      if (g.merged.length > 0)
        changes.push({
          variable: name,
          change: `answers given by fewer than ${k} respondents grouped as '${grouped}': ${g.merged.map(named).join(', ')}`,
        });
      columns.set(name, g.column);
    } else if (c.type === 'text') {
      const g = groupLevels(c, k);
      if (g.merged.length > 0)
        changes.push({
          variable: name,
          change: `answers given by fewer than ${k} respondents grouped as '${grouped}': ${g.merged.join(', ')}`,
        });
      columns.set(name, g.column);
    } else if (c.type === 'multiple') {
      const g = groupOptions(c, k);
      if (g.merged.length > 0)
        changes.push({
          variable: name,
          change: `options chosen by fewer than ${k} respondents grouped as '${grouped}': ${g.merged.map(named).join(', ')}`,
        });
      columns.set(name, g.column);
    } else columns.set(name, c);
  }
  return { data: { n: data.n, columns }, changes };
}
