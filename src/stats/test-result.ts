/** What every test returns: the statistic, its degrees of freedom, the p-value, the method. */
export interface TestResult {
  statistic: number;
  df?: number;
  pValue: number;
  method: string;
  /** The estimate the test is about, and its interval, when the test has one. */
  estimate?: number;
  low?: number;
  high?: number;
}
