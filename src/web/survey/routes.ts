/**
 * The respondent's routes. Handlers translate HTTP to the fieldwork services and back; every
 * page is rendered on the server and every form works without JavaScript.
 *
 *   GET  /s/:study/:wave            open link (no channel)   GET /s/:study/:wave/c/:channel
 *   POST /s/:study/:wave/start      consent given: a new response
 *   POST /s/:study/:wave/resume     a resume code from another device
 *   GET  /s/:study/:wave/page       the current page; POST saves it
 *   GET  /s/:study/:wave/end        the end page
 *   GET  /i/:token                  a personal link
 */
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answersToFields, type FieldValues } from './items.js';
import type { FieldworkContext } from '../../fieldwork/context.js';
import {
  changeLanguage,
  currentPageIndex,
  openInvitation,
  pickLanguage,
  recordSignals,
  responseForSession,
  resumeWithCode,
  startResponse,
  submitPage,
  today,
  waveOfResponse,
} from '../../fieldwork/survey.js';
import { loadSurveyWave, phaseAt, type SurveyWave } from '../../fieldwork/survey-wave.js';
import { isProblem } from '../../problems/problem.js';
import { applicability, applicablePages } from '../../questionnaire/flow.js';
import type { FormValues } from '../../questionnaire/validate.js';
import type { DailyKeyedHash } from '../../security/keyed-hash.js';
import type { RateLimiter } from '../../security/rate-limit.js';
import type { ProofOfWork } from '../../security/proof-of-work.js';
import type { Signer } from '../../security/signed.js';
import { randomToken } from '../../security/tokens.js';
import type { ResponseRow } from '../../store/queries/responses.js';
import { text } from './items.js';
import { consentPage, endPage, messagePage, questionPage, type PageFrame } from './pages.js';
import { ui } from './texts.js';

export interface SurveyDependencies {
  fieldwork: FieldworkContext;
  signer: Signer;
  networkHash: DailyKeyedHash;
  newResponses: RateLimiter;
  resumeAttempts: RateLimiter;
  /** A page saved sooner than this after it was shown counts as a too-fast page. */
  minPageMs: number;
  proofOfWork: ProofOfWork;
}

const cookie = { session: 'lg_s', device: 'lg_d', code: 'lg_code', language: 'lg_lang' };
type Params = { study: string; wave: string; channel?: string };
type Body = Record<string, string | string[] | undefined>;

export async function surveyRoutes(app: FastifyInstance, deps: SurveyDependencies): Promise<void> {
  const ctx = deps.fieldwork;
  const base = (p: Params): string =>
    `/s/${encodeURIComponent(p.study)}/${encodeURIComponent(p.wave)}`;
  const cookieOptions = (request: FastifyRequest, maxAge: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    maxAge,
  });

  const deviceNonce = (request: FastifyRequest, reply: FastifyReply): string => {
    let nonce = request.cookies[cookie.device];
    if (!nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
      nonce = randomToken(ctx.random, 16);
      reply.setCookie(cookie.device, nonce, cookieOptions(request, 365 * 24 * 3600));
    }
    return nonce;
  };

  const language = (request: FastifyRequest, sw: SurveyWave, response?: ResponseRow): string => {
    const query = (request.query as { lang?: string }).lang;
    return pickLanguage(sw.study, query ?? response?.language ?? request.cookies[cookie.language]);
  };

  const frame = (
    request: FastifyRequest,
    reply: FastifyReply,
    sw: SurveyWave,
    lang: string,
  ): PageFrame => ({
    study: sw.study,
    language: lang,
    path: request.url.split('?')[0]!,
    csrf: reply.generateCsrf(),
  });

  const send = (reply: FastifyReply, page: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page);

  const phaseNotice = (
    request: FastifyRequest,
    reply: FastifyReply,
    sw: SurveyWave,
    lang: string,
    personal: boolean,
  ) => {
    const phase = phaseAt(sw.wave, ctx.now());
    const t = ui(lang);
    if (phase === 'closed')
      return send(reply, messagePage(frame(request, reply, sw, lang), t.closedTitle, t.closedText));
    if (phase === 'not-open' || (phase === 'panel-only' && !personal))
      return send(
        reply,
        messagePage(frame(request, reply, sw, lang), t.notOpenTitle, t.notOpenText),
      );
    return undefined;
  };

  const loadWave = async (params: Params): Promise<SurveyWave | undefined> => {
    try {
      return await loadSurveyWave(ctx.db, params.study, params.wave);
    } catch (error) {
      if (isProblem(error)) return undefined;
      throw error;
    }
  };

  const notFound = (reply: FastifyReply, lang = 'en') =>
    reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${ui(lang).notFoundTitle}</title></head><body><main><h1>${ui(lang).notFoundTitle}</h1><p>${ui(lang).notFoundText}</p></main></body></html>`,
      );

  const start = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const sw = await loadWave(request.params);
    if (!sw) return notFound(reply);
    const channel = request.params.channel ?? null;
    if (channel !== null && !(sw.study.channels ?? []).some((c) => c.code === channel))
      return notFound(reply);
    const existing = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      sw.wave.studyId,
      sw.wave.id,
    );
    const lang = language(request, sw, existing);
    reply.setCookie(cookie.language, lang, cookieOptions(request, 365 * 24 * 3600));
    if (existing) return reply.redirect(`${base(request.params)}/page`, 303);
    const closed = phaseNotice(request, reply, sw, lang, false);
    if (closed) return closed;
    const f = frame(request, reply, sw, lang);
    return send(
      reply,
      consentPage(f, {
        waveTitle: text(sw.wave.title, lang),
        startAction: `${base(request.params)}/start`,
        resumeAction: `${base(request.params)}/resume`,
        channel,
        proofOfWork: sw.study.proof_of_work ? await deps.proofOfWork.challenge() : undefined,
      }),
    );
  };
  app.get('/s/:study/:wave', start);
  app.get('/s/:study/:wave/c/:channel', start);

  // Body limits per route: the start and resume forms are a few fields; a page may carry
  // long free texts (20,000 characters of Cyrillic is about 40 KB encoded, twice over).
  const small = { preHandler: app.csrfProtection, bodyLimit: 4 * 1024 };
  const page = { preHandler: app.csrfProtection, bodyLimit: 256 * 1024 };

  app.post<{ Params: Params; Body: Body }>(
    '/s/:study/:wave/start',
    small,
    async (request, reply) => {
      const sw = await loadWave(request.params);
      if (!sw) return notFound(reply);
      const lang = pickLanguage(sw.study, one(request.body.lang));
      const closed = phaseNotice(request, reply, sw, lang, false);
      if (closed) return closed;
      const existing = await responseForSession(
        ctx,
        request.cookies[cookie.session],
        sw.wave.studyId,
        sw.wave.id,
      );
      if (existing) return reply.redirect(`${base(request.params)}/page`, 303);
      if (one(request.body.consent) !== 'yes') return reply.redirect(base(request.params), 303);
      if (!deps.newResponses.take(deps.networkHash.hash(`new:${request.ip}`))) {
        const t = ui(lang);
        return send(
          reply,
          messagePage(frame(request, reply, sw, lang), t.tooManyTitle, t.tooManyText),
          429,
        );
      }
      const channelCode = one(request.body.channel);
      const knownChannel =
        channelCode && (sw.study.channels ?? []).some((c) => c.code === channelCode);
      const started = await startResponse(ctx, sw, {
        channelCode: knownChannel ? channelCode : null,
        language: lang,
        deviceNonce: deviceNonce(request, reply),
      });
      // Unsolved work is a quality signal; the respondent (or bot) goes on as usual.
      if (sw.study.proof_of_work && !(await deps.proofOfWork.verify(one(request.body._pow))))
        await recordSignals(ctx, started.response, { pow_failed: 1 });
      reply.setCookie(cookie.session, started.sessionToken, cookieOptions(request, 90 * 24 * 3600));
      reply.setCookie(cookie.code, started.resumeCode, cookieOptions(request, 24 * 3600));
      return reply.redirect(`${base(request.params)}/page`, 303);
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/s/:study/:wave/resume',
    small,
    async (request, reply) => {
      const sw = await loadWave(request.params);
      if (!sw) return notFound(reply);
      const lang = pickLanguage(sw.study, one(request.body.lang));
      const t = ui(lang);
      const again = (message: string, status: number) =>
        send(
          reply,
          consentPage(frame(request, reply, sw, lang), {
            waveTitle: text(sw.wave.title, lang),
            startAction: `${base(request.params)}/start`,
            resumeAction: `${base(request.params)}/resume`,
            channel: null,
            resumeError: message,
          }),
          status,
        );
      if (!deps.resumeAttempts.take(deps.networkHash.hash(`resume:${request.ip}`)))
        return again(t.resumeTooMany, 429);
      const resumed = await resumeWithCode(ctx, one(request.body.code) ?? '');
      if (
        !resumed ||
        resumed.response.studyId !== sw.wave.studyId ||
        resumed.response.waveId !== sw.wave.id
      )
        return again(t.resumeWrong, 200);
      reply.setCookie(cookie.session, resumed.sessionToken, cookieOptions(request, 90 * 24 * 3600));
      deviceNonce(request, reply);
      return reply.redirect(`${base(request.params)}/page`, 303);
    },
  );

  app.get('/i/:token', async (request: FastifyRequest<{ Params: { token: string } }>, reply) => {
    const token = request.params.token;
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return notFound(reply);
    const query = request.query as { lang?: string };
    const opened = await openInvitation(ctx, token, {
      language: query.lang,
      deviceNonce: deviceNonce(request, reply),
    });
    if (!opened) return notFound(reply);
    const sw = await waveOfResponse(ctx, opened.response);
    const lang = language(request, sw, opened.response);
    const closed = phaseNotice(request, reply, sw, lang, true);
    if (closed) return closed;
    reply.setCookie(cookie.session, opened.sessionToken, cookieOptions(request, 90 * 24 * 3600));
    if (opened.resumeCode)
      reply.setCookie(cookie.code, opened.resumeCode, cookieOptions(request, 24 * 3600));
    return reply.redirect(
      `/s/${encodeURIComponent(sw.wave.studyId)}/${encodeURIComponent(sw.wave.id)}/page`,
      303,
    );
  });

  /** The response of this session, or a redirect to the start page. */
  const session = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const response = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      request.params.study,
      request.params.wave,
    );
    if (!response) {
      await reply.redirect(base(request.params), 303);
      return undefined;
    }
    const sw = await waveOfResponse(ctx, response);
    let lang = language(request, sw, response);
    if (lang !== response.language) lang = await changeLanguage(ctx, response, sw.study, lang);
    const closed = phaseNotice(request, reply, sw, lang, true);
    if (closed) {
      await closed;
      return undefined;
    }
    return { response, sw, lang };
  };

  const renderPage = (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    s: { response: ResponseRow; sw: SurveyWave; lang: string },
    index: number,
    extra: {
      values?: FieldValues;
      problems?: { variable: string; message: string }[];
      notice?: string;
      status?: number;
    },
  ) => {
    const q = s.sw.questionnaire;
    const page = q.pages[index]!;
    const flow = { today: today(ctx) };
    const values = extra.values ?? answersToFields(s.response.answers);
    const known = extra.values
      ? formAnswers(extra.values)
      : (s.response.answers as Record<string, never>);
    const applicable = applicability(
      q,
      { ...(s.response.answers as Record<string, never>), ...known },
      flow,
    ).variables;
    const pageVariables = q.variables
      .filter((v) => v.pageIndex === index && applicable.has(v.name))
      .map((v) => v.name);
    const pages = applicablePages(q, s.response.answers as Record<string, never>, flow);
    const problems = extra.problems ?? [];
    const html = questionPage(frame(request, reply, s.sw, s.lang), {
      page,
      items: {
        language: s.lang,
        values,
        errors: new Map(problems.map((p) => [p.variable, p.message])),
        shown: (name) => applicable.has(name),
      },
      problems,
      progress: s.response.completionShare,
      action: `${base(request.params)}/page`,
      saveId: randomToken(ctx.random, 16),
      shown: deps.signer.sign(String(ctx.now().getTime())),
      shownVariables: pageVariables,
      canGoBack: pages.some((p) => p < index),
      isLast: !pages.some((p) => p > index),
      resumeCode: request.cookies[cookie.code],
      notice: extra.notice,
    });
    return send(reply, html, extra.status ?? 200);
  };

  app.get<{ Params: Params }>('/s/:study/:wave/page', async (request, reply) => {
    const s = await session(request, reply);
    if (!s) return reply;
    const index = currentPageIndex(s.sw, s.response, ctx);
    if (index === 'end') return reply.redirect(`${base(request.params)}/end`, 303);
    return renderPage(request, reply, s, index, {});
  });

  app.post<{ Params: Params; Body: Body }>('/s/:study/:wave/page', page, async (request, reply) => {
    const s = await session(request, reply);
    if (!s) return reply;
    const body = request.body;
    const form: FormValues = {};
    for (const [key, value] of Object.entries(body))
      if (!key.startsWith('_') && key !== 'website') form[key] = value;
    const shownMs = Number(deps.signer.verify(one(body._shown) ?? '') ?? NaN);
    const shownAt = Number.isFinite(shownMs) ? new Date(shownMs) : null;
    const saveId = one(body._save) ?? '';
    const pageId = one(body._page) ?? '';
    const direction = one(body._action) === 'back' ? 'back' : 'next';
    const index = s.sw.questionnaire.pages.findIndex((p) => p.page.id === pageId);
    const hasQuestions =
      index >= 0 && s.sw.questionnaire.variables.some((v) => v.pageIndex === index);
    const tooFast =
      shownAt !== null && hasQuestions && ctx.now().getTime() - shownAt.getTime() < deps.minPageMs;
    if (!/^[A-Za-z0-9_-]{8,100}$/.test(saveId))
      return renderCurrent(request, reply, s, ui(s.lang).expiredForm);
    const outcome = await submitPage(ctx, s.sw, s.response, {
      pageId,
      saveId,
      form,
      direction,
      shownAt,
      language: s.lang,
      shownVariables: new Set((one(body._vars) ?? '').split(' ').filter(Boolean)),
    });
    await recordSignals(ctx, s.response, {
      honeypot: (one(body.website) ?? '') !== '' ? 1 : 0,
      too_fast_pages: tooFast && outcome.kind === 'saved' ? 1 : 0,
      missing_page_time: shownAt === null && outcome.kind === 'saved' ? 1 : 0,
    });
    switch (outcome.kind) {
      case 'saved':
      case 'duplicate':
        reply.clearCookie(cookie.code, { path: '/' });
        return reply.redirect(`${base(request.params)}/page`, 303);
      case 'invalid':
        return renderPage(request, reply, s, index, {
          values: bodyFields(form),
          problems: outcome.problems,
          status: 422,
        });
      case 'more':
        return renderPage(request, reply, s, index, {
          values: bodyFields(form),
          problems: outcome.problems,
          notice: ui(s.lang).moreQuestions,
        });
      case 'not-applicable':
        return renderCurrent(request, reply, s, ui(s.lang).notApplicable);
    }
  });

  const renderCurrent = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    s: { response: ResponseRow; sw: SurveyWave; lang: string },
    notice: string,
  ) => {
    const index = currentPageIndex(s.sw, s.response, ctx);
    if (index === 'end') return reply.redirect(`${base(request.params)}/end`, 303);
    return renderPage(request, reply, s, index, { notice, status: 409 });
  };

  app.get<{ Params: Params }>('/s/:study/:wave/end', async (request, reply) => {
    const response = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      request.params.study,
      request.params.wave,
    );
    if (!response || response.status !== 'complete')
      return reply.redirect(base(request.params), 303);
    const sw = await waveOfResponse(ctx, response);
    const lang = language(request, sw, response);
    return send(reply, endPage(frame(request, reply, sw, lang)));
  });
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function bodyFields(form: FormValues): FieldValues {
  const out: FieldValues = {};
  for (const [k, v] of Object.entries(form))
    if (v !== undefined) out[k] = Array.isArray(v) ? v : [v];
  return out;
}

/** Submitted values, roughly typed, for deciding which items a re-shown page displays. */
function formAnswers(values: FieldValues): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const filled = v.filter((x) => x.trim() !== '');
    if (filled.length === 0) continue;
    out[k] =
      filled.length > 1
        ? filled
        : /^-?\d+(\.\d+)?$/.test(filled[0]!)
          ? Number(filled[0])
          : filled[0];
  }
  return out as Record<string, never>;
}

/**
 * What a respondent sees when a form cannot be taken (an expired or missing security token, a
 * body too large): in the language of the cookie, with a way back to the survey.
 */
export function formProblemPage(request: FastifyRequest): string {
  const lang = (request.cookies?.[cookie.language] ?? 'en').replace(/[^a-z-]/gi, '') || 'en';
  const t = ui(lang);
  const back = request.url
    .replace(/\/(start|resume|page)(\?.*)?$/, '/page')
    .replace(/[^A-Za-z0-9/_-]/g, '');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.tooManyTitle}</title></head><body><main><h1>${t.tooManyTitle}</h1><p>${t.expiredForm}</p><p><a href="${back}">${t.resumeButton}</a></p></main></body></html>`;
}
