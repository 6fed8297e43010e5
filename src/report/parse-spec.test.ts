// Report specs that are wrong in each way a researcher can get one wrong: each problem names
// the file, the line and the column, with a sentence.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatCheckProblem } from '../questionnaire/check-problem.js';
import type { QuestionnaireDefinition } from '../questionnaire/schema.js';
import { variablesOf } from '../questionnaire/variables.js';
import { checkVariables, parseReportSpec } from './parse-spec.js';

const example = readFileSync('examples/exile-panel/report.yaml', 'utf8');
const variables = new Map(
  ['wave-1', 'wave-2'].map((w) => [
    w,
    variablesOf(
      parse(readFileSync(`examples/exile-panel/${w}.yaml`, 'utf8')) as QuestionnaireDefinition,
    ),
  ]),
);
const waves = ['wave-1', 'wave-2'] as const;

/** The problems of the example with one text replaced, as `line:column message`. */
function problems(from: string, to: string): string[] {
  expect(example).toContain(from);
  const text = example.replace(from, to);
  const parsed = parseReportSpec(text, 'report.yaml');
  const all = parsed.spec
    ? checkVariables({ spec: parsed.spec, source: parsed.source }, variables, waves)
    : parsed.problems;
  return all.map((p) => formatCheckProblem(p).replace(/^report\.yaml:/, ''));
}

const lineOf = (text: string) => example.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('report spec problems', () => {
  it('accepts the example', () => {
    const parsed = parseReportSpec(example, 'report.yaml');
    expect(parsed.problems).toEqual([]);
    expect(checkVariables({ spec: parsed.spec!, source: parsed.source }, variables, waves)).toEqual(
      [],
    );
  });

  it('names an unknown variable, with a suggestion', () => {
    expect(
      problems('variable: interest_local_politics }', 'variable: interest_locl_politics }'),
    ).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${lineOf('id: interest_local, kind')}:\\d+ \\[interest_local\\] Finding 'interest_local': wave 'wave-2' has no variable 'interest_locl_politics'; did you mean 'interest_local_politics'\\?`,
        ),
      ),
    ]);
  });

  it('refuses an analysis that does not fit the item type', () => {
    const [p] = problems(
      '{ id: return_reasons, kind: multiple, sample: returnees, variable: return_reasons }',
      '{ id: return_reasons, kind: multiple, sample: returnees, variable: income_now }',
    );
    expect(p).toMatch(
      new RegExp(
        `^${lineOf('id: return_reasons, kind')}:\\d+ \\[return_reasons\\] Finding 'return_reasons' \\(multiple\\) does not fit 'income_now', a select one item; it takes a multiple choice\\.`,
      ),
    );
    const [q] = problems('    variable: life_satisfaction\n', '    variable: country_now\n');
    expect(q).toMatch(
      /Finding 'life_satisfaction' \(benchmark of a mean\) does not fit 'country_now', a country item; it takes a rating or a number\./,
    );
  });

  it('names a text without a translation', () => {
    const [p] = problems("  ru: 'Вторая волна панельного опроса, сентябрь 2022 года'\n", '');
    expect(p).toMatch(
      /^\d+:\d+ The text at subtitle has no 'ru' version; the report's languages are en, ru\.$/,
    );
    expect(p!.startsWith(`${lineOf('subtitle:') + 1}:`)).toBe(true);
  });

  it('names figures and findings that do not exist or do not fit', () => {
    expect(
      problems('figures: [reasons, returnee_income]', 'figures: [reasons, returnee_incme]'),
    ).toEqual([
      expect.stringMatching(
        /Section 10: there is no figure 'returnee_incme'; did you mean 'returnee_income'\?/,
      ),
    ]);
    expect(problems('    findings: [return_reasons]', '    findings: [returnee_income]')).toEqual([
      expect.stringMatching(
        /Figure 'reasons' is a multiple figure, which draws multiple findings; 'returnee_income' is a groups finding\./,
      ),
    ]);
  });

  it('points inside the text at a placeholder that names no finding or no format', () => {
    const line = lineOf('Generalised trust rose from');
    expect(
      problems(
        '{{ trust_general.share.wave-1 | pct }} in March',
        '{{ trust_genral.share.wave-1 | pct }} in March',
      )[0],
    ).toMatch(
      new RegExp(
        `^${line}:\\d+ '\\{\\{ trust_genral.share.wave-1 \\| pct \\}\\}': there is no finding 'trust_genral'; did you mean 'trust_general'\\?`,
      ),
    );
    expect(
      problems(
        '{{ trust_general.test.p | p }}). Trust in Russians',
        '{{ trust_general.test.p | pval }}). Trust in Russians',
      )[0],
    ).toMatch(/no format 'pval'; the formats are pct, pp, p, n, num, sig\./);
  });

  it("asks for the report's weights when a finding is weighted", () => {
    expect(
      problems(
        '{ id: interested_ru, kind: share, variable: interest_ru_politics, values: [very, rather] }',
        '{ id: interested_ru, kind: share, variable: interest_ru_politics, values: [very, rather], weighted: true }',
      )[0],
    ).toMatch(
      /^\d+:\d+ \[interested_ru\] Finding 'interested_ru' is weighted, but the report gives no 'weights'\.$/,
    );
  });

  it('reports YAML syntax and unknown fields with their place', () => {
    expect(problems('authors: [OutRush]', 'authors: [OutRush')[0]).toMatch(/^\d+:\d+ /);
    expect(problems('authors: [OutRush]', 'authors: [OutRush]\ncolour: blue')[0]).toMatch(/colour/);
    expect(problems('languages: [en, ru]', 'languages: [en, de]')[0]).toMatch(/^\d+:\d+ /);
  });
});
