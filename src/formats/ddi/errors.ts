/** What the DDI writer throws for a codebook it cannot write: a sentence, and the column if one. */
export class DdiError extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'DdiError';
  }
}
