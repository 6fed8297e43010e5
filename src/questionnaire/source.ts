/**
 * Reads a YAML (or JSON, a subset of YAML 1.2) file and keeps where every value came from,
 * so that any later problem can point at its file, line and column.
 */
import { isCollection, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { CheckProblem } from './check-problem.js';

export type Path = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface Source {
  file: string;
  value: unknown;
  /** Problems that stop reading: YAML syntax. */
  syntax: CheckProblem[];
  /** Where the value at `path` starts; the nearest existing ancestor when it is missing. */
  locate(path: Path): Position;
  /**
   * Where character `offset` of the string at `path` is, for pointing inside expressions.
   * Exact for plain and quoted one-line strings and literal blocks (`|`); the string's start
   * otherwise.
   */
  locateIn(path: Path, offset: number): Position;
}

export function readSource(file: string, text: string): Source {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax: CheckProblem[] = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    const firstLine = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return {
      file,
      line: pos.line,
      column: pos.col,
      code: 'syntax',
      message: `${firstLine}.`.replace(/\.\.$/, '.'),
    };
  });
  const value = syntax.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;

  const offsetOf = (path: Path): { offset: number; node: unknown } => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(doc, path.slice(0, depth));
      if (node !== undefined) {
        // For a missing key, point at the mapping that lacks it; for a present one, at the value.
        const range = (node as { range?: [number, number, number] }).range;
        if (range) return { offset: range[0], node };
      }
    }
    return { offset: 0, node: undefined };
  };
  const toPosition = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  return {
    file,
    value,
    syntax,
    locate: (path) => toPosition(offsetOf(path).offset),
    locateIn: (path, offset) => {
      const { offset: start, node } = offsetOf(path);
      if (!isScalar(node)) return toPosition(start);
      const raw = text.slice(node.range![0], node.range![1]);
      if (node.type === 'BLOCK_LITERAL') {
        // A literal block keeps its lines: the value's line k is the block's line k + 1, indented.
        const value = String(node.value);
        const before = value.slice(0, offset);
        const k = before.split('\n').length - 1;
        const lines = raw.split('\n');
        const indent = /^ */.exec(lines.slice(1).find((l) => l.trim() !== '') ?? '')![0].length;
        const header = toPosition(start);
        return {
          line: header.line + 1 + k,
          column: indent + 1 + (offset - (before.lastIndexOf('\n') + 1)),
        };
      }
      if (raw.includes('\n')) return toPosition(start);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      // Escapes inside quoted scalars shift columns; only count offsets where none occur.
      const escapes = node.type === 'QUOTE_SINGLE' ? /''/ : /\\/;
      if (quoted && escapes.test(raw)) return toPosition(start);
      return toPosition(start + quoted + offset);
    },
  };
}

function nodeAt(doc: Document, path: Path): unknown {
  if (path.length === 0) return doc.contents ?? undefined;
  const node = doc.getIn(path as (string | number)[], true);
  if (node === undefined || node === null) return undefined;
  if (isScalar(node) || isCollection(node)) return node;
  return undefined;
}
