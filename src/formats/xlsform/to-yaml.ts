/**
 * The questionnaire as a YAML file a researcher can go on editing: the layout of
 * examples/exile-panel (texts and short choices on one line each), words YAML 1.1 would read as
 * true or false quoted, and a first line saying where it came from.
 */
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import { textFields } from '../../questionnaire/translations.js';

const expressionKeys = new Set(['relevant', 'constraint']);
const lineWidth = 100;
const booleanLike = /^(y|n|yes|no|on|off|true|false)$/i;

export function questionnaireYaml(definition: QuestionnaireDefinition, comment: string): string {
  const doc = new Document(definition);
  doc.commentBefore = ` ${comment}`;
  visit(doc, {
    Map(_, map, path) {
      const parent = path[path.length - 1];
      const key = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : '';
      // `{ a: b, c: d }`: the JSON text is about as long as the flow mapping YAML prints.
      const json = JSON.stringify(map.toJSON());
      // Texts of several lines read best as blocks.
      if (json.includes('\\n')) return;
      const line = indentOf(path) + key.length + 2 + json.length;
      if (textFields.has(key) && line <= lineWidth) map.flow = true;
      if (isSeq(parent) && isChoiceList(path) && line <= lineWidth) map.flow = true;
    },
    Pair(_, pair) {
      // Expressions in double quotes, as the documentation writes them.
      if (isScalar(pair.key) && expressionKeys.has(String(pair.key.value)) && isScalar(pair.value))
        pair.value.type = 'QUOTE_DOUBLE';
    },
    Scalar(_, scalar, path) {
      if (typeof scalar.value !== 'string') return;
      if (booleanLike.test(scalar.value)) scalar.type = 'QUOTE_SINGLE';
      const parent = path[path.length - 1];
      if (!isPair(parent) || parent.value !== scalar || !isScalar(parent.key)) return;
      // A text or expression too long for its line is folded over lines as `>-`, which YAML
      // reads back exactly.
      const line = indentOf(path) + String(parent.key.value).length + 4 + scalar.value.length;
      if (line > lineWidth) scalar.type = 'BLOCK_FOLDED';
    },
  });
  return doc.toString({ lineWidth, singleQuote: true });
}

/** The indentation of the key whose pair ends `path`, as the printer lays block collections out. */
function indentOf(path: readonly unknown[]): number {
  const pairs = path.filter((n) => isPair(n)).length;
  const seqs = path.filter((n) => isSeq(n)).length;
  return 2 * Math.max(0, pairs - 1) + 2 * seqs;
}

/** Whether a sequence holds choices: under `choices:` at the top or in an item. */
function isChoiceList(path: readonly unknown[]): boolean {
  const pair = path[path.length - 2];
  if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'choices') return true;
  // A named list: the sequence is a value of the top-level `choices` mapping.
  const outer = path[path.length - 4];
  return isPair(outer) && isScalar(outer.key) && outer.key.value === 'choices';
}
