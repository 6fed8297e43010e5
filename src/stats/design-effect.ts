/**
 * Kish's design effect of unequal weights, deff = n * sum(w^2) / (sum w)^2, and the effective
 * sample size n / deff = (sum w)^2 / sum(w^2) (Kish 1965). O(n).
 */
import { StatsError } from './errors.js';
import { sum } from './sum.js';

export function kishDesignEffect(w: ArrayLike<number>): { deff: number; effectiveN: number } {
  if (w.length === 0) throw new StatsError('kishDesignEffect requires at least one weight.');
  const squares = Float64Array.from(w, (v) => v * v);
  const total = sum(w);
  if (!(total > 0)) throw new StatsError('kishDesignEffect requires weights whose sum is above 0.');
  const effectiveN = (total * total) / sum(squares);
  return { deff: w.length / effectiveN, effectiveN };
}
