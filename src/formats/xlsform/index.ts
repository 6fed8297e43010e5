export { importXlsform, type ImportOptions, type XlsformImport } from './import-xlsform.js';
export {
  formatXlsformProblem,
  sortXlsformProblems,
  type XlsformProblem,
  type XlsformProblemKind,
} from './problems.js';
export { readXlsformWorkbook } from './read-workbook.js';
export type { XlsformWorkbook } from './workbook.js';
