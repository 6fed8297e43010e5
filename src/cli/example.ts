/** Where the example study (the reference study "Six Months in Exile") lives in the package. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const exampleStudyDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/exile-panel',
);
