// The seeded generator of the statistics room, for generated test and benchmark data.
export { seededRandom } from '../../src/stats/seeded-random.js';
