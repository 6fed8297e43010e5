/** The tree of an expression. Every node keeps its start and end offsets in the source text. */
export type BinaryOp =
  'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'boolean'; value: boolean } & Span)
  | ({ kind: 'ref'; name: string; current?: true } & Span)
  | ({ kind: 'call'; name: string; args: Expr[] } & Span)
  | ({ kind: 'unary'; op: '-' | 'not'; operand: Expr } & Span)
  | ({ kind: 'binary'; op: BinaryOp; left: Expr; right: Expr } & Span);

/** The tree without positions, for comparing trees that came from different texts. */
export function stripPositions(e: Expr): unknown {
  switch (e.kind) {
    case 'call':
      return { kind: e.kind, name: e.name, args: e.args.map(stripPositions) };
    case 'unary':
      return { kind: e.kind, op: e.op, operand: stripPositions(e.operand) };
    case 'binary':
      return {
        kind: e.kind,
        op: e.op,
        left: stripPositions(e.left),
        right: stripPositions(e.right),
      };
    case 'ref':
      return e.current
        ? { kind: e.kind, name: e.name, current: true }
        : { kind: e.kind, name: e.name };
    default:
      return { kind: e.kind, value: e.value };
  }
}
