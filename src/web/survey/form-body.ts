/**
 * The only bodies respondent routes take: HTML forms (`application/x-www-form-urlencoded`).
 * A body is decoded strictly (UTF-8, percent escapes) and every field is checked by one schema
 * (a name, a string or a list of strings, each within limits) before any route sees it; what
 * fails is refused with the field's name, in the respondent's language, and nothing is stored.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { html } from '../html.js';
import { layout } from './layout.js';
import { respondentLanguage } from './problem-pages.js';
import { ui, type UiTexts } from './texts.js';

export const formType = 'application/x-www-form-urlencoded';

/** A form's fields: a string, or a list of strings for a name sent several times. */
export type FormBody = Record<string, string | string[]>;

/** Why a form or one of its fields was refused. */
export type FormFault = 'not-a-form' | 'encoding' | 'name' | 'too-many' | 'too-long' | 'character';

export class FormInputError extends Error {
  constructor(
    readonly statusCode: 400 | 415 | 422,
    readonly fault: FormFault,
    /** The field's name, when it can be shown (decoded, at most 64 characters). */
    readonly field?: string,
  ) {
    super(`The form cannot be taken (${fault}${field === undefined ? '' : ` in ${field}`}).`);
  }
}

/**
 * Limits: a page's longest free text (20,000 characters by default) fits many times in a value;
 * a grid or a long list of checkboxes fits in the number of fields and values.
 */
export const formLimits = { fields: 500, values: 200, chars: 100_000 };

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = z
  .string()
  .max(formLimits.chars, { error: 'too-long' })
  // A null character or half of a surrogate pair cannot be stored in PostgreSQL text or JSON.
  .refine((s) => !s.includes('\0') && !loneSurrogate.test(s), { error: 'character' });

/** One field of a form. */
export const formFieldSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, { error: 'name' }),
  value: z.union([text, z.array(text).max(formLimits.values, { error: 'too-many' })]),
});

const faults = new Set<string>(['name', 'too-many', 'too-long', 'character']);

/** The fault a failed field check names: the first of ours among the issues, however nested. */
function faultOf(error: z.ZodError): FormFault {
  const messages: string[] = [];
  const walk = (issues: readonly z.core.$ZodIssue[]): void => {
    for (const issue of issues) {
      messages.push(issue.message);
      if (issue.code === 'invalid_union') for (const branch of issue.errors) walk(branch);
    }
  };
  walk(error.issues);
  return (messages.find((m) => faults.has(m)) as FormFault | undefined) ?? 'name';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Parses a form body; throws FormInputError naming the first field that cannot be taken. */
export function parseForm(raw: Buffer): FormBody {
  let body: string;
  try {
    body = decoder.decode(raw);
  } catch {
    throw new FormInputError(400, 'encoding');
  }
  const out: FormBody = Object.create(null) as FormBody;
  let count = 0;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (name === undefined) throw new FormInputError(400, 'name');
    const shown = name.slice(0, 64);
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    // A percent escape that is not UTF-8 (a lone surrogate, %ED%B0%80) is no character.
    if (value === undefined) throw new FormInputError(422, 'character', shown);
    const before = out[name];
    if (before === undefined) {
      if (++count > formLimits.fields) throw new FormInputError(400, 'too-many');
      out[name] = value;
    } else if (Array.isArray(before)) {
      if (before.length >= formLimits.values) throw new FormInputError(422, 'too-many', shown);
      before.push(value);
    } else out[name] = [before, value];
  }
  for (const [name, value] of Object.entries(out)) {
    const checked = formFieldSchema.safeParse({ name, value });
    if (!checked.success) {
      const fault = faultOf(checked.error);
      throw new FormInputError(fault === 'name' ? 400 : 422, fault, name.slice(0, 64));
    }
  }
  return out;
}

/** True when the request's body is a form (a charset parameter may follow the type). */
export function isForm(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]!.trim().toLowerCase() === formType;
}

function sentence(t: UiTexts, fault: FormFault, field: string | undefined): string {
  const name = field ?? '';
  switch (fault) {
    case 'not-a-form':
      return t.formOnly;
    case 'encoding':
      return t.formEncoding;
    case 'too-long':
      return t.fieldTooLong.replace('{field}', name);
    case 'character':
      return t.fieldCharacter.replace('{field}', name);
    case 'too-many':
    case 'name':
      return field === undefined ? t.formEncoding : t.fieldInvalid.replace('{field}', name);
  }
}

/**
 * The page for a form that cannot be taken, in the survey's layout and the respondent's
 * language: what was wrong, which field, and the way back. Without an error: the answers
 * could not be saved as sent. Never a database's words.
 */
export function formInputPage(request: FastifyRequest, error?: FormInputError): string {
  const lang = respondentLanguage(request);
  const t = ui(lang);
  const message = error ? sentence(t, error.fault, error.field) : t.saveFailed;
  const back = request.url
    .split('?')[0]!
    .replace(/[^A-Za-z0-9/_.~%-]/g, '')
    .replace(/\/(start|resume|page|panel)$/, '/page');
  return layout({
    language: lang,
    languages: [lang],
    title: t.formProblemTitle,
    path: back,
    body: html`<h1>${t.formProblemTitle}</h1>
      <p>${message}</p>
      <p><a href="${back}">${t.resumeButton}</a></p>`,
  });
}
