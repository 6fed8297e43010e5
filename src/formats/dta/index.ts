/** Stata .dta files (format 118). */
export { writeDta, type DtaOptions } from './write-dta.js';
export { stataName } from './names.js';
