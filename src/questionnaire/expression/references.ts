import type { Expr } from './ast.js';

export interface Reference {
  name: string;
  start: number;
  end: number;
}

/** Every `${name}` in source order; `.` (the item's own value) is not a reference. */
export function references(e: Expr): Reference[] {
  const out: Reference[] = [];
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'ref':
        if (!x.current) out.push({ name: x.name, start: x.start, end: x.end });
        return;
      case 'call':
        x.args.forEach(walk);
        return;
      case 'unary':
        walk(x.operand);
        return;
      case 'binary':
        walk(x.left);
        walk(x.right);
        return;
      default:
        return;
    }
  };
  walk(e);
  return out.sort((a, b) => a.start - b.start);
}
