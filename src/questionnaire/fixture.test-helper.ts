// Loads the small questionnaire used by this room's tests (test/fixtures/small-wave.yaml).
import { readFileSync } from 'node:fs';
import { checkQuestionnaire } from './check.js';
import { compileQuestionnaire, type Questionnaire } from './compile.js';
import { readSource } from './source.js';

export function smallWave(): Questionnaire {
  const file = new URL('../../test/fixtures/small-wave.yaml', import.meta.url);
  const source = readSource('small-wave.yaml', readFileSync(file, 'utf8'));
  const checked = checkQuestionnaire(source, ['en', 'ru']);
  if (!checked.definition)
    throw new Error(`fixture has problems: ${JSON.stringify(checked.problems, null, 2)}`);
  return compileQuestionnaire(checked.definition);
}
