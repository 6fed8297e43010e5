/** Stata .dta files (format 118): `dtaWriter` writes rows chunk by chunk, `writeDta` a whole dataset. */
export { dtaWriter, writeDta, type DtaOptions } from './write-dta.js';
export { stataName } from './names.js';
