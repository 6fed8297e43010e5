/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is itself
 * the result of `html`, so text from studies or respondents can never become markup.
 */
const safe = Symbol('safe-html');

export interface SafeHtml {
  readonly [safe]: true;
  readonly text: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && safe in value;
}

type Part = string | number | SafeHtml | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map((p: Part) => render(p)).join('');
  if (isSafe(part)) return part.text;
  return escapeHtml(String(part));
}

/** Line breaks and indentation in the program's own templates are layout, not content. */
const squeeze = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let text = squeeze(strings[0]!);
  values.forEach((value, i) => {
    text += render(value) + squeeze(strings[i + 1]!);
  });
  return { [safe]: true, text };
}

/** Marks a constant of the program's own (never user or study text) as markup. */
export function trustedHtml(text: string): SafeHtml {
  return { [safe]: true, text };
}
