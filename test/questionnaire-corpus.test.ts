// The corpus of broken questionnaires: each file must produce exactly these problems, as
// `line:column [item] message`. Each was read and judged right by a person when added.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuestionnaireFile } from '../src/fieldwork/study-folder.js';
import { formatCheckProblem, sortProblems } from '../src/questionnaire/check-problem.js';

const dir = path.resolve(import.meta.dirname, 'fixtures/broken');

const expected: Record<string, string[]> = {
  '01-yaml-syntax.yaml': [
    '6:1 Flow map in block collection must be sufficiently indented and end with a }.',
    '6:1 Flow sequence in block collection must be sufficiently indented and end with a ].',
  ],
  '02-unknown-type.yaml': [
    "6:15 [a] Unknown item type 'slect_one'; did you mean 'select_one'? Known types: select_one, select_multiple, rating, grid, integer, decimal, date, month, country, text, note.",
  ],
  '03-unknown-field.yaml': [
    "5:9 [a] Field 'label' is missing.",
    "7:16 [a] Unknown field 'lable'; did you mean 'label'?",
  ],
  '04-missing-label.yaml': ["5:9 [a] Field 'label' is missing."],
  '05-duplicate-name.yaml': [
    "8:15 [Age] Duplicate name 'Age'; 'age' is already used at line 5. Names must be unique, ignoring case.",
  ],
  '06-bad-name.yaml': [
    "5:15 [2nd_try] Name '2nd_try' must start with a letter and contain only letters, digits and underscores.",
  ],
  '07-long-name.yaml': [
    "5:15 [a_very_long_variable_name_for_stata_x] Name 'a_very_long_variable_name_for_stata_x' is 37 characters long; at most 32 are allowed so that Stata and SPSS files keep it.",
  ],
  '08-reserved-name.yaml': [
    "5:15 [with] Name 'with' is a reserved word in SPSS or Stata; choose another.",
  ],
  '09-unknown-list.yaml': ["12:15 [a] Choice list 'yesno' does not exist. Lists: yes_no."],
  '10-code-collision.yaml': ["5:27 Choice code 1 is used by both 'yes' and 'no' in list 'yes_no'."],
  '11-duplicate-choice.yaml': ["5:15 Choice 'yes' appears twice in list 'yes_no'."],
  '12-missing-translation.yaml': ["7:16 [a] Missing the 'ru' text of its label."],
  '13-extra-language.yaml': ["7:40 [a] Text in 'de', which is not a study language (en, ru)."],
  '14-empty-translation.yaml': ["7:31 [a] The 'ru' text of its label is empty."],
  '15-unknown-variable.yaml': ['11:20 [b] In relevant: Unknown variable ${c}.'],
  '16-later-reference.yaml': [
    "8:20 [a] In relevant: ${b} comes later (page 'p1'); relevance may only use answers given before.",
  ],
  '17-self-reference.yaml': [
    '8:20 [a] In relevant: a depends on itself; an item cannot decide whether it is asked from its own answer.',
  ],
  '18-expression-syntax.yaml': [
    "11:33 [b] In relevant: Expected ')' to close the '(' at column 8, found end of expression.",
  ],
  '19-choice-vs-number.yaml': [
    "16:27 [b] In relevant: Cannot compare ${a} (a single-choice item) with a number; compare it with a choice name in quotes, such as 'yes'.",
  ],
  '20-unknown-choice-in-expression.yaml': [
    "16:27 [b] In relevant: 'maybe' is not a choice of ${a}; its choices are: yes, no.",
  ],
  '21-selected-on-number.yaml': [
    '11:29 [b] In relevant: selected() needs a choice item, but ${a} is a number.',
  ],
  '22-date-vs-number.yaml': [
    "11:27 [b] In relevant: Cannot compare ${d} (a date) with a number; compare it with date('2022-02-24').",
  ],
  '23-note-reference.yaml': ['11:20 [b] In relevant: ${intro} is a note and has no value.'],
  '24-min-above-max.yaml': ['8:14 [a] min (10) is greater than max (5).'],
  '25-scale-inverted.yaml': ["8:14 [a] The scale's min (5) must be below its max (1)."],
  '26-missing-code-inside-scale.yaml': [
    "11:31 [a] Missing-value code 3 ('dk') lies inside the scale 1–5.",
  ],
  '27-other-without-choice.yaml': [
    "13:16 [a] 'other: true' needs a choice named 'other' to ask for the text.",
  ],
  '28-other-name-collision.yaml': [
    "14:15 [a_other] Duplicate name 'a_other'; item 'a' already uses it for its 'other' text (line 13). Names must be unique, ignoring case.",
  ],
  '29-bad-date-bound.yaml': ["8:14 [d] min '2022-02-30' is not a date like 2022-02-24."],
  '30-grid-without-scale.yaml': ['7:19 [g] A grid of rating rows needs min and max.'],
  '31-unknown-section.yaml': [
    "4:14 Page 'p1' names section 'intro', which is not declared under 'sections'.",
  ],
  '32-duplicate-page.yaml': ["8:9 Duplicate page id 'p1'; entry 1 uses it too."],
  '33-orphan-message.yaml': [
    "8:29 [a] 'constraint_message' is given but the item has no constraint.",
  ],
  '34-unknown-country.yaml': ["8:19 [c] 'XX' is not an ISO 3166-1 alpha-2 country code."],
  '35-current-in-relevant.yaml': [
    "8:20 [a] In relevant: '.' (the item's own value) is only meaningful in a constraint.",
  ],
  '36-same-page-page-relevance.yaml': [
    "4:16 In relevant of page 'p1': ${a} is on this same page; relevance may only use answers given before.",
  ],
  '37-wrong-field-type.yaml': [
    "8:19 [a] Field 'required' must be true or false, not the text 'yes please'.",
  ],
  '38-list-and-choices.yaml': ["12:15 [a] Give either 'list' or 'choices', not both."],
  '39-exclusive-unknown.yaml': [
    "13:21 [a] Exclusive choice 'none' is not one of the item's choices.",
  ],
  '40-count-selected-single.yaml': [
    '16:35 [b] In relevant: count-selected() needs a multiple-choice item, but ${a} is a single-choice item.',
  ],
  '41-duplicate-key.yaml': ['6:9 Map keys must be unique.'],
  '42-no-type.yaml': [
    '5:9 [a] Item has no type; give one of: select_one, select_multiple, rating, grid, integer, decimal, date, month, country, text, note.',
  ],
};

describe('questionnaire check on the broken corpus', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'study.yaml');

  it('has at least 30 cases, each with its expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, lines] of Object.entries(expected)) {
    it(file, async () => {
      const problems = sortProblems(await checkQuestionnaireFile(path.join(dir, file)));
      const shown = problems.map((p) => formatCheckProblem({ ...p, file: '' }).replace(/^:/, ''));
      expect(shown).toEqual(lines);
    });
  }
});
