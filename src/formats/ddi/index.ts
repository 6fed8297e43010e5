/** DDI Codebook 2.5 XML: `ddiWriter` writes a codebook's document over chunks, `writeDdi` of a dataset in memory. */
export { DdiError } from './errors.js';
export { ddiNamespace, ddiWriter, writeDdi, type DdiOptions } from './write-ddi.js';
