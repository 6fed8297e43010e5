/**
 * The SPSS system file (.sav) writer: `savWriter` writes rows chunk by chunk (a `TableWriter`),
 * `writeSav` a dataset held whole, `planSav` says what a file holds.
 */
export { SavError } from './errors.js';
export { planSav } from './plan.js';
export type { SavOptions, SavPlan, SavResponseSet, SavVariable } from './types.js';
export { savWriter, writeSav } from './write-sav.js';
