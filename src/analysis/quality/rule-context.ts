/** What every rule gets: one wave's responses and questionnaire, and a way to flag. */
import type { Questionnaire } from '../../questionnaire/compile.js';
import type { Flag, ResponseFacts } from './facts.js';

export interface WaveInput {
  waveId: string;
  /** The compiled questionnaire of the wave; rules that need none work without it. */
  questionnaire: Questionnaire | undefined;
  /** In the order given: "earlier" means earlier here. */
  responses: ResponseFacts[];
}

export type FlagBody = Omit<Flag, 'rule' | 'kind' | 'exclude'> & { exclude?: boolean };
export type Emit = (responseId: string, flag: FlagBody) => void;

/** A figure for people: at most three decimals. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** x <= limit, forgiving the last bit of floating point (0.1 * 3 is not 0.3). */
export function atMost(x: number, limit: number): boolean {
  return x <= limit + Math.abs(limit) * 1e-12;
}
