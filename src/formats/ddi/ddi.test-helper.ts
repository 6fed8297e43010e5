/** A DDI document parsed back with fast-xml-parser, every repeatable element as an array. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const repeatable = new Set([
  'AuthEnty',
  'parTitl',
  'varGrp',
  'var',
  'labl',
  'qstnLit',
  'preQTxt',
  'ivuInstr',
  'sumStat',
  'catgry',
  'notes',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  alwaysCreateTextNode: true,
  isArray: (name) => repeatable.has(name),
});

/** An element as parsed: text under `#text`, attributes under `@name`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

export function parseDdi(xml: string): Node {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  return parser.parse(xml).codeBook;
}

/** Each element's text by its xml:lang. */
export function byLanguage(nodes: Node[] | undefined): Record<string, string> {
  return Object.fromEntries((nodes ?? []).map((n: Node) => [n['@xml:lang'], n['#text']]));
}
