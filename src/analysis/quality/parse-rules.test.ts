import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCheckProblem } from '../../questionnaire/check-problem.js';
import { compileQuestionnaire } from '../../questionnaire/compile.js';
import { parseExpression, references } from '../../questionnaire/expression/index.js';
import { readSource } from '../../questionnaire/source.js';
import { structureQuestionnaire } from '../../questionnaire/structure.js';
import { parseQualityRules } from './parse-rules.js';

const example = new URL('../../../examples/exile-panel/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, example), 'utf8');
const problemsOf = (text: string): string[] =>
  parseQualityRules(text, 'quality.yaml').problems.map(formatCheckProblem);

describe('parseQualityRules', () => {
  it('reads the example study rules, with defaults filled in', () => {
    const { rules, problems } = parseQualityRules(read('quality.yaml'), 'quality.yaml');
    expect(problems).toEqual([]);
    expect(rules!.rules.map((r) => r.type)).toEqual([
      'eligibility',
      'eligibility',
      'completion',
      'duplicates',
      'device',
      'signal',
      'signal',
      'speeder',
      'page-speed',
      'straightlining',
    ]);
    expect(rules!.rules.find((r) => r.type === 'duplicates')).toMatchObject({
      near: 0.95,
      min_answers: 5,
      exclude: true,
    });
  });

  it('uses only variables both waves of the example ask', () => {
    const { rules } = parseQualityRules(read('quality.yaml'), 'quality.yaml');
    for (const wave of ['wave-1.yaml', 'wave-2.yaml']) {
      const { definition } = structureQuestionnaire(readSource(wave, read(wave)));
      const q = compileQuestionnaire(definition!);
      for (const rule of rules!.rules)
        if (rule.type === 'eligibility')
          for (const ref of references(parseExpression(rule.expression)))
            expect(q.byName.has(ref.name), `${wave}: ${ref.name}`).toBe(true);
    }
  });

  it('says where each problem is', () => {
    expect(
      problemsOf(`rules:
  - id: fast
    type: speedr
  - id: window
    type: eligibility
    expression: "\${left_date} >= "
  - { id: done, type: completion, min: 2, mni: 1 }
  - id: fast
    type: device
  - id: today
    type: eligibility
    expression: "\${left_date} <= today()"
`),
    ).toEqual([
      `quality.yaml:3:11 [fast] Rule has unknown type "speedr"; did you mean 'speeder'? Known types: completion, speeder, page-speed, straightlining, duplicates, device, signal, eligibility.`,
      'quality.yaml:6:34 [window] Expected a value, found end of expression.',
      "quality.yaml:7:40 [done] Field 'min' must be at most 1.",
      "quality.yaml:7:48 [done] Unknown field 'mni' in a completion rule; did you mean 'min'? Its fields: id, exclude, waves, type, min.",
      'quality.yaml:12:34 [today] Eligibility cannot use today(): results would change with the day the rules run; write the date.',
    ]);
  });

  it('reports a repeated id, YAML syntax and a missing list', () => {
    expect(
      problemsOf('rules:\n  - { id: a, type: device }\n  - { id: a, type: device }\n'),
    ).toEqual(["quality.yaml:3:11 [a] Rule id 'a' is already used by rule 1; ids must be unique."]);
    expect(problemsOf('rules: [\n')[0]).toMatch(/^quality\.yaml:2:1 /);
    expect(problemsOf('rule: []\n')).toEqual([
      "quality.yaml:1:1 Field 'rules' is missing.",
      "quality.yaml:1:7 Unknown field 'rule' in a file; did you mean 'rules'? Its fields: study, rules.",
    ]);
  });
});
