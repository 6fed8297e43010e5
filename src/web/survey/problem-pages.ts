/**
 * The pages a respondent sees when an address leads nowhere (404) or a form cannot be taken (403,
 * 413): in the survey's own layout and in the respondent's language, which is the one asked for
 * in the address, else the language cookie's, else the study's default (English when the address
 * names no study).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { studyDefinition } from '../../fieldwork/studies.js';
import type { StudyDefinition } from '../../questionnaire/schema.js';
import type { Database } from '../../store/schema.js';
import { html } from '../html.js';
import { layout } from './layout.js';
import { hasTexts, ui } from './texts.js';

const languageCookie = 'lg_lang';

/** The respondent's language for a page outside the survey's own flow. */
export function respondentLanguage(request: FastifyRequest, study?: StudyDefinition): string {
  const wanted = [
    (request.query as { lang?: unknown } | undefined)?.lang,
    request.cookies?.[languageCookie],
  ].filter((l): l is string => typeof l === 'string');
  if (study) return wanted.find((l) => study.languages.includes(l)) ?? study.default_language;
  return wanted.find((l) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l) && hasTexts(l)) ?? 'en';
}

const pathOf = (request: FastifyRequest): string =>
  request.url.split('?')[0]!.replace(/[^A-Za-z0-9/_.~%-]/g, '');

export function notFoundPage(lang: string, languages: string[], path: string): string {
  const t = ui(lang);
  return layout({
    language: lang,
    languages,
    title: t.notFoundTitle,
    path,
    body: html`<h1>${t.notFoundTitle}</h1>
      <p>${t.notFoundText}</p>`,
  });
}

/** The study named by a respondent address (/s/<study>/…), if there is one. */
async function studyOfAddress(
  db: Kysely<Database>,
  url: string,
): Promise<StudyDefinition | undefined> {
  const id = /^\/s\/([^/?#]+)/.exec(url)?.[1];
  if (!id) return undefined;
  try {
    return await studyDefinition(db, decodeURIComponent(id));
  } catch {
    return undefined;
  }
}

/** Answers 404 with the page for an address that leads to no survey. */
export async function sendNotFound(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const study = await studyOfAddress(db, request.url);
  const lang = respondentLanguage(request, study);
  return reply
    .status(404)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(notFoundPage(lang, study?.languages ?? [lang], pathOf(request)));
}

/**
 * What a respondent sees when a form cannot be taken: an expired or missing security token
 * (403), or a body too large (413), with a way back to the survey.
 */
export function formProblemPage(request: FastifyRequest, status = 403): string {
  const lang = respondentLanguage(request);
  const t = ui(lang);
  const back = pathOf(request).replace(/\/(start|resume|page|panel)$/, '/page');
  const [title, message] =
    status === 413 ? [t.tooLargeTitle, t.tooLargeText] : [t.expiredTitle, t.expiredForm];
  return layout({
    language: lang,
    languages: [lang],
    title,
    path: back,
    body: html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="${back}">${t.resumeButton}</a></p>`,
  });
}
