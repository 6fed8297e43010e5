/**
 * A string's segments. A string over 255 bytes ("very long") is stored as several string
 * variables: one segment per 252 bytes of width, each but the last 255 bytes wide, the last the
 * rest; the text fills them 255 bytes at a time (PSPP, "System File Format": Very Long String
 * Record).
 */
export const segmentBytes = 255;
const widthPerSegment = 252;

/** Segment widths of a variable: `[0]` for a number, `[width]` up to 255 bytes. */
export function segmentWidths(width: number): number[] {
  if (width <= segmentBytes) return [width];
  const n = Math.ceil(width / widthPerSegment);
  return [...Array<number>(n - 1).fill(segmentBytes), width - (n - 1) * widthPerSegment];
}

/** 8-byte elements a segment takes in a case (a number takes one). */
export function segmentElements(width: number): number {
  return Math.max(1, Math.ceil(width / 8));
}

/** 8-byte elements a variable takes in a case. */
export function elementsOf(width: number): number {
  return segmentWidths(width).reduce((sum, w) => sum + segmentElements(w), 0);
}
