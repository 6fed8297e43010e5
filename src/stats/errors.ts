/** What a statistical function throws when its input cannot give a result: a sentence. */
export class StatsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsError';
  }
}
