/** The SPSS system file (.sav) writer: `writeSav` streams a file, `planSav` says what it holds. */
export { SavError } from './errors.js';
export { planSav } from './plan.js';
export type { SavOptions, SavPlan, SavResponseSet, SavVariable } from './types.js';
export { writeSav } from './write-sav.js';
