/**
 * A public-use version of a dataset, as archives ask for: free text dropped (open answers can
 * name people and places), ids replaced by new ones (`newId` of the old id: the same person keeps
 * one new id across a file's rows, so panel rows still link), and answers given by fewer than k
 * respondents grouped into one "other" category, so that no rare answer singles anyone out.
 * Contacts and panel codes are never in a dataset. Every change is listed for the codebook.
 *
 * Counting comes first, over every row (`see`, chunk by chunk for a sample read from the
 * database), then each chunk is changed alike (`apply`). Pure: the new ids come from the function
 * passed in (an export uses a keyed hash whose key is random and never stored).
 */
import type { ChunkedDataset } from './chunked.js';
import { mapChunks } from './chunked.js';
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
  /** Columns holding ids, replaced by new ones (default response_id, pseudonym). */
  ids?: readonly string[];
  /** The new id of an old one: the same for the same old id, unguessable from it. */
  newId: (old: string) => string;
}

const grouped = 'other_grouped';
const groupedLabel = { en: 'Other (grouped)', ru: 'Другое (объединено)' };
const named = (l: ValueLabel) => l.name ?? String(l.code);

type Treatment =
  | { kind: 'id' }
  | { kind: 'drop' }
  | { kind: 'codes'; counts: Map<number, number>; rare?: Set<number>; code?: number }
  | { kind: 'levels'; counts: Map<string, number>; rare?: Set<string> }
  | { kind: 'options'; counts: number[]; keep?: number[]; rare?: number[] }
  | { kind: 'keep' };

/** Counts every row first, then makes each chunk public-use alike. */
export class PublicUse {
  private readonly k: number;
  private readonly treatments = new Map<string, Treatment>();
  private decided?: { shape: Dataset; changes: PublicUseChange[] };

  constructor(
    private readonly shape: Dataset,
    private readonly o: PublicUseOptions,
  ) {
    this.k = o.k ?? 5;
    const ids = new Set(o.ids ?? ['response_id', 'pseudonym']);
    for (const [name, c] of shape.columns) this.treatments.set(name, treatmentOf(name, c, ids));
  }

  /** Counts a chunk's answers. */
  see(chunk: Dataset): void {
    for (const [name, t] of this.treatments) {
      const c = chunk.columns.get(name)!;
      if (t.kind === 'codes' && c.type === 'number') {
        for (const v of c.values) if (!Number.isNaN(v)) t.counts.set(v, (t.counts.get(v) ?? 0) + 1);
      } else if (t.kind === 'levels' && c.type === 'text') {
        const inChunk = new Array<number>(c.levels.length).fill(0);
        for (const j of c.index) if (j >= 0) inChunk[j]!++;
        c.levels.forEach((l, j) => {
          if (inChunk[j]! > 0) t.counts.set(l, (t.counts.get(l) ?? 0) + inChunk[j]!);
        });
      } else if (t.kind === 'options' && c.type === 'multiple') {
        const width = c.options.length;
        for (let i = 0; i < c.answered.length; i++)
          for (let j = 0; j < width; j++) t.counts[j]! += c.chosen[i * width + j]!;
      }
    }
  }

  /** What is grouped, once every row was counted: the new shape and the changes. */
  finish(): { shape: Dataset; changes: PublicUseChange[] } {
    if (this.decided) return this.decided;
    const changes: PublicUseChange[] = [];
    const columns = new Map<string, Column>();
    const fewer = `fewer than ${this.k} respondents grouped as '${grouped}'`;
    for (const [name, c] of this.shape.columns) {
      const t = this.treatments.get(name)!;
      if (t.kind === 'drop') {
        changes.push({ variable: name, change: 'dropped: free text' });
        continue;
      }
      if (t.kind === 'id') changes.push({ variable: name, change: 'replaced by new random ids' });
      if (t.kind === 'codes' && c.type === 'number') {
        const merged = decideCodes(c, t, this.k);
        if (merged.length > 0)
          changes.push({
            variable: name,
            change: `answers given by ${fewer}: ${merged.map(named).join(', ')}`,
          });
        columns.set(name, t.rare ? groupedLabels(c, t.rare, t.code!) : c);
        continue;
      }
      if (t.kind === 'levels') {
        const rare = [...t.counts].filter(([, n]) => n < this.k).map(([l]) => l);
        if (rare.length >= 2) {
          t.rare = new Set(rare);
          changes.push({
            variable: name,
            change: `answers given by ${fewer}: ${[...t.counts.keys()].filter((l) => t.rare!.has(l)).join(', ')}`,
          });
        }
      }
      if (t.kind === 'options' && c.type === 'multiple') {
        const rare = t.counts
          .map((_, j) => j)
          .filter((j) => t.counts[j]! > 0 && t.counts[j]! < this.k);
        if (rare.length >= 2) {
          t.rare = rare;
          t.keep = c.options.map((_, j) => j).filter((j) => !rare.includes(j));
          changes.push({
            variable: name,
            change: `options chosen by ${fewer}: ${rare.map((j) => named(c.options[j]!)).join(', ')}`,
          });
          const code = Math.max(0, ...c.options.map((o) => o.code)) + 1;
          columns.set(name, {
            ...c,
            options: [
              ...t.keep.map((j) => c.options[j]!),
              { code, name: grouped, label: groupedLabel },
            ],
          });
          continue;
        }
      }
      columns.set(name, c);
    }
    this.decided = { shape: { n: 0, columns }, changes };
    return this.decided;
  }

  /** A chunk as the public-use file has it. */
  apply(chunk: Dataset): Dataset {
    const { shape } = this.finish();
    const columns = new Map<string, Column>();
    for (const [name, s] of shape.columns) {
      const c = chunk.columns.get(name)!;
      const t = this.treatments.get(name)!;
      columns.set(name, applyTreatment(t, c, s, this.o.newId));
    }
    return { n: chunk.n, columns };
  }
}

function treatmentOf(name: string, c: Column, ids: ReadonlySet<string>): Treatment {
  if ((ids.has(name) || /^response_id__/.test(name)) && c.type === 'text') return { kind: 'id' };
  if (c.info.kind === 'text' || c.info.kind === 'other_text') return { kind: 'drop' };
  if (c.type === 'number' && c.labels.some((l) => l.name !== undefined && !l.missing))
    return { kind: 'codes', counts: new Map() };
  if (c.type === 'text') return { kind: 'levels', counts: new Map() };
  if (c.type === 'multiple')
    return { kind: 'options', counts: new Array<number>(c.options.length).fill(0) };
  return { kind: 'keep' };
}

/** The rare codes (not declared missing) of a coded column; grouping one alone hides nothing. */
function decideCodes(
  c: NumberColumn,
  t: Extract<Treatment, { kind: 'codes' }>,
  k: number,
): ValueLabel[] {
  const missing = new Set(c.labels.filter((l) => l.missing).map((l) => l.code));
  const rare = [...t.counts]
    .filter(([code, n]) => n < k && !missing.has(code))
    .map(([code]) => code);
  if (rare.length < 2) return [];
  t.rare = new Set(rare);
  t.code = Math.max(0, ...c.labels.map((l) => l.code), ...t.counts.keys()) + 1;
  return rare.map((r) => c.labels.find((l) => l.code === r) ?? { code: r });
}

function groupedLabels(c: NumberColumn, rare: ReadonlySet<number>, code: number): NumberColumn {
  return {
    ...c,
    labels: [
      ...c.labels.filter((l) => !rare.has(l.code)),
      { code, name: grouped, label: groupedLabel },
    ],
  };
}

function applyTreatment(
  t: Treatment,
  c: Column,
  shape: Column,
  newId: (old: string) => string,
): Column {
  switch (t.kind) {
    case 'id': {
      const text = c as TextColumn;
      const fresh = text.levels.map(newId);
      return { ...text, levels: fresh };
    }
    case 'codes': {
      if (!t.rare) return { ...c, labels: (shape as NumberColumn).labels } as NumberColumn;
      const values = (c as NumberColumn).values.map((v) => (t.rare!.has(v) ? t.code! : v));
      return { ...(shape as NumberColumn), values };
    }
    case 'levels': {
      const text = c as TextColumn;
      if (!t.rare) return text;
      return textColumn(
        Array.from(text.index, (j) =>
          j < 0 ? null : t.rare!.has(text.levels[j]!) ? grouped : text.levels[j]!,
        ),
        text.info,
      );
    }
    case 'options': {
      const m = c as MultipleColumn;
      if (!t.rare) return m;
      const width = m.options.length;
      const options = (shape as MultipleColumn).options;
      const keep = t.keep!;
      const chosen = new Uint8Array(m.answered.length * options.length);
      for (let i = 0; i < m.answered.length; i++) {
        keep.forEach((j, p) => (chosen[i * options.length + p] = m.chosen[i * width + j]!));
        chosen[i * options.length + keep.length] = t.rare.some((j) => m.chosen[i * width + j])
          ? 1
          : 0;
      }
      return { ...m, options, chosen };
    }
    default:
      return c;
  }
}

/** A dataset in memory made public-use. */
export function publicUse(
  data: Dataset,
  o: PublicUseOptions,
): { data: Dataset; changes: PublicUseChange[] } {
  const plan = new PublicUse(data, o);
  plan.see(data);
  const { changes } = plan.finish();
  return { data: plan.apply(data), changes };
}

/** A chunked dataset made public-use: one reading to count, then each chunk changed as read. */
export async function publicUseChunks(
  data: ChunkedDataset,
  o: PublicUseOptions,
): Promise<{ data: ChunkedDataset; changes: PublicUseChange[] }> {
  const plan = new PublicUse(data.shape, o);
  for await (const chunk of data.chunks()) plan.see(chunk);
  const { shape, changes } = plan.finish();
  return { data: mapChunks(data, shape, (chunk) => plan.apply(chunk)), changes };
}
