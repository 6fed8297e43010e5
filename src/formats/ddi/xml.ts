/**
 * XML text and attributes, escaped: `&`, `<` and `>` in text; in attributes also `"`, and tabs and
 * line breaks as character references so that attribute normalisation keeps them. Characters XML
 * 1.0 does not allow (control characters other than tab and line breaks, U+FFFE, U+FFFF, lone
 * surrogates) are removed, since no parser would read a document holding them.
 */

const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return s.replace(notXml, '').replace(/[&<>]/g, (c) => entities[c]!);
}

export function xmlAttribute(s: string): string {
  return s.replace(notXml, '').replace(/[&<>"\t\n\r]/g, (c) => entities[c]!);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs))
    if (value !== undefined) out += ` ${name}="${xmlAttribute(String(value))}"`;
  return out;
}

/** An element with text, or empty when the text is. */
export function textElement(name: string, attrs: Attributes, text: string): string {
  return text === ''
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${xmlText(text)}</${name}>`;
}

/** An element around children already written, each on its own line below it. */
export function parent(
  name: string,
  attrs: Attributes,
  children: readonly string[],
  indent: string,
): string {
  if (children.length === 0) return `${indent}<${name}${attributes(attrs)}/>`;
  return [`${indent}<${name}${attributes(attrs)}>`, ...children, `${indent}</${name}>`].join('\n');
}

export function startTag(name: string, attrs: Attributes): string {
  return `<${name}${attributes(attrs)}>`;
}
