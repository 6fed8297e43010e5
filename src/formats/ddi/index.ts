/** DDI Codebook 2.5 XML: `writeDdi` streams a codebook's document. */
export { DdiError } from './errors.js';
export { ddiNamespace, writeDdi, type DdiOptions } from './write-ddi.js';
