/**
 * The respondent's routes. Handlers translate HTTP to the fieldwork services and back; every
 * page is rendered on the server and every form works without JavaScript.
 *
 *   GET  /s/:study/:wave            open link (no channel)   GET /s/:study/:wave/c/:channel
 *   POST /s/:study/:wave/start      consent given: a new response
 *   POST /s/:study/:wave/resume     a code: a resume code from another device, or a panel code
 *   GET  /s/:study/:wave/page       the current page; POST saves it (or keeps a draft)
 *   POST /s/:study/:wave/applies    which of the page's questions apply now (the page's script)
 *   GET  /s/:study/:wave/elsewhere  the response went on on another device (device-routes.ts)
 *   POST /s/:study/:wave/leave      leave and clear this device (device-routes.ts)
 *   GET  /s/:study/:wave/end        the end page, with the panel form (panel-routes.ts)
 *   POST /s/:study/:wave/panel      joining the panel (panel-routes.ts)
 *   GET  /i/:token                  a personal link; POST uses it (link-routes.ts)
 *   GET  /o/:token                  opting out of invitations; POST does it (link-routes.ts)
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answersToFields, type FieldValues } from './items.js';
import { joinWithPanelCode } from '../../fieldwork/panel.js';
import {
  changeLanguage,
  currentPageIndex,
  pickLanguage,
  recordSignals,
  responseForSession,
  resumeCodeOf,
  resumeWithCode,
  startResponse,
  submitPage,
  today,
  waveOfResponse,
} from '../../fieldwork/survey.js';
import type { SurveyWave } from '../../fieldwork/survey-wave.js';
import {
  applicableOnPage,
  draftFor,
  keepDraft,
  type PageDraft,
} from '../../fieldwork/page-drafts.js';
import { applicability, applicablePages } from '../../questionnaire/flow.js';
import type { FormValues } from '../../questionnaire/validate.js';
import { randomToken } from '../../security/tokens.js';
import { networkOf } from '../../security/network.js';
import type { SessionResponse } from '../../store/queries/responses.js';
import { text } from './items.js';
import {
  cookie,
  formProblemPage,
  languageSeconds,
  one,
  surveyKit,
  waveBase,
  type Body,
  type Params,
  type SurveyDependencies,
} from './kit.js';
import { FormInputError, formInputPage, formType, isForm, parseForm } from './form-body.js';
import { deviceRoutes } from './device-routes.js';
import { linkRoutes } from './link-routes.js';
import { consentPage, messagePage, pagePlace, questionPage } from './pages.js';
import { panelRoutes } from './panel-routes.js';
import { ui } from './texts.js';

export { formProblemPage, type SurveyDependencies } from './kit.js';

export async function surveyRoutes(app: FastifyInstance, deps: SurveyDependencies): Promise<void> {
  const kit = surveyKit(deps);
  const { ctx, send, frame, deviceHashOf } = kit;
  const base = (p: Params): string => waveBase(p.study, p.wave);

  // Only forms: no JSON or text parser here, and a form's every field is checked by the
  // parser (form-body.ts) before any hook or handler sees it. The opt-out route adds the
  // one-click multipart body of RFC 8058 for itself (link-routes.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    formType,
    { parseAs: 'buffer', bodyLimit: 256 * 1024 },
    (_request, raw, done) => {
      try {
        done(null, parseForm(raw as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST') return;
    const oneClick = request.routeOptions.url === '/o/:token' && request.body !== undefined;
    if (!isForm(request) && !oneClick) throw new FormInputError(415, 'not-a-form');
  });

  /**
   * The first page of a wave as it is now: the consent page, or in the panel-only phase the
   * notice with the box for a code; closed and not yet open waves say so.
   */
  const startPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    sw: SurveyWave,
    lang: string,
    o: { channel: string | null; path: string; codeError?: string; status?: number },
  ) => {
    const notice = kit.phaseNotice(request, reply, sw, lang, {
      codeError: o.codeError,
      status: o.status,
    });
    if (notice) return notice;
    const b = waveBase(sw.wave.studyId, sw.wave.id);
    return send(
      reply,
      consentPage(frame(request, reply, sw.study, lang, o.path), {
        waveTitle: text(sw.wave.title, lang),
        startAction: `${b}/start`,
        resumeAction: `${b}/resume`,
        channel: o.channel,
        resumeError: o.codeError,
        proofOfWork: sw.study.proof_of_work ? await deps.proofOfWork.challenge() : undefined,
      }),
      o.status ?? 200,
    );
  };

  const start = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const sw = await kit.loadWave(request.params.study, request.params.wave);
    if (!sw) return kit.notFound(reply);
    const channel = request.params.channel ?? null;
    if (channel !== null && !(sw.study.channels ?? []).some((c) => c.code === channel))
      return kit.notFound(reply);
    const existing = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      sw.wave.studyId,
      sw.wave.id,
    );
    const lang = kit.language(request, sw.study, existing?.language);
    reply.setCookie(cookie.language, lang, kit.cookieOptions(request, languageSeconds));
    if (existing) return reply.redirect(`${base(request.params)}/page`, 303);
    if (await kit.retired(request)) return reply.redirect(`${base(request.params)}/elsewhere`, 303);
    return startPage(request, reply, sw, lang, {
      channel,
      path: request.url.split('?')[0]!,
    });
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
      const sw = await kit.loadWave(request.params.study, request.params.wave);
      if (!sw) return kit.notFound(reply);
      const lang = pickLanguage(sw.study, one(request.body.lang));
      const closed = kit.phaseNotice(request, reply, sw, lang);
      if (closed) return closed;
      const existing = await responseForSession(
        ctx,
        request.cookies[cookie.session],
        sw.wave.studyId,
        sw.wave.id,
      );
      if (existing) return reply.redirect(`${base(request.params)}/page`, 303);
      // A browser whose response went to another device does not start a second one.
      if (await kit.retired(request))
        return reply.redirect(`${base(request.params)}/elsewhere`, 303);
      if (one(request.body.consent) !== 'yes') return reply.redirect(base(request.params), 303);
      if (!deps.newResponses.take(deps.networkHash.hash(`new:${networkOf(request.ip)}`))) {
        const t = ui(lang);
        return send(
          reply,
          messagePage(
            frame(request, reply, sw.study, lang, base(request.params)),
            t.tooManyTitle,
            t.tooManyText,
          ),
          429,
        );
      }
      const channelCode = one(request.body.channel);
      const knownChannel =
        channelCode && (sw.study.channels ?? []).some((c) => c.code === channelCode);
      const started = await startResponse(ctx, sw, {
        channelCode: knownChannel ? channelCode : null,
        language: lang,
        deviceHash: deviceHashOf(request, reply, sw.wave.studyId),
      });
      // Unsolved work is a quality signal; the respondent (or bot) goes on as usual.
      if (sw.study.proof_of_work && !(await deps.proofOfWork.verify(one(request.body._pow))))
        await recordSignals(ctx, started.response, { pow_failed: 1 });
      kit.setSession(request, reply, started);
      return reply.redirect(`${base(request.params)}/page`, 303);
    },
  );

  // One box takes either code: a resume code of this wave, else a panel code. A code that
  // leads nowhere gets one answer whatever the reason, and attempts are limited per network.
  app.post<{ Params: Params; Body: Body }>(
    '/s/:study/:wave/resume',
    small,
    async (request, reply) => {
      const sw = await kit.loadWave(request.params.study, request.params.wave);
      if (!sw) return kit.notFound(reply);
      const lang = pickLanguage(sw.study, one(request.body.lang));
      const t = ui(lang);
      const again = (message: string, status: number) =>
        startPage(request, reply, sw, lang, {
          channel: null,
          path: base(request.params),
          codeError: message,
          status,
        });
      const code = (one(request.body.code) ?? '').slice(0, 500);
      if (!deps.resumeAttempts.take(request.ip, code)) return again(t.resumeTooMany, 429);
      const resumed = await resumeWithCode(ctx, code, {
        studyId: sw.wave.studyId,
        waveId: sw.wave.id,
      });
      if (resumed) {
        kit.setSession(request, reply, resumed);
        deviceHashOf(request, reply, sw.wave.studyId);
        return reply.redirect(`${base(request.params)}/page`, 303);
      }
      // Before the panel-only phase and after closing, no code of any kind leads in.
      const closed = kit.phaseNotice(request, reply, sw, lang, { personal: true });
      if (closed) return closed;
      const joined = await joinWithPanelCode(ctx, sw, code, {
        language: lang,
        deviceHash: deviceHashOf(request, reply, sw.wave.studyId),
        browserSession: request.cookies[cookie.session],
      });
      if (!joined) return again(t.resumeWrong, 200);
      kit.setSession(request, reply, joined);
      return reply.redirect(`${base(request.params)}/page`, 303);
    },
  );

  /** The response of this session, or a redirect to the start page. */
  const session = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const response = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      request.params.study,
      request.params.wave,
    );
    if (!response) {
      // Replaced by a resume on another device: say so, and whether this form was saved.
      const elsewhere = await kit.retired(request);
      const unsaved = elsewhere && request.method === 'POST' ? '?unsaved=1' : '';
      await reply.redirect(
        elsewhere ? `${base(request.params)}/elsewhere${unsaved}` : base(request.params),
        303,
      );
      return undefined;
    }
    const sw = await waveOfResponse(ctx, response);
    let lang = kit.language(request, sw.study, response.language);
    if (lang !== response.language) lang = await changeLanguage(ctx, response, sw.study, lang);
    const closed = kit.phaseNotice(request, reply, sw, lang, { personal: true });
    if (closed) {
      await closed;
      return undefined;
    }
    return { response, sw, lang };
  };

  const renderPage = (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    s: { response: SessionResponse; sw: SurveyWave; lang: string },
    index: number,
    extra: {
      values?: FieldValues;
      problems?: { variable: string; message: string }[];
      notice?: string;
      /** The question the notice stands by (a follow-up the answers opened). */
      noticeAt?: string;
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
    const html = questionPage(frame(request, reply, s.sw.study, s.lang), {
      page,
      items: {
        language: s.lang,
        values,
        errors: new Map(problems.map((p) => [p.variable, p.message])),
        shown: (name) => applicable.has(name),
        reveal: true,
      },
      appliesAction: `${base(request.params)}/applies`,
      problems,
      progress: s.response.completionShare,
      ...pagePlace(q, pages, index),
      action: `${base(request.params)}/page`,
      saveId: randomToken(ctx.random, 16),
      shown: shownToken(s.response.id, page.page.id, ctx.now().getTime()),
      shownVariables: pageVariables,
      canGoBack: pages.some((p) => p < index),
      isLast: !pages.some((p) => p > index),
      resumeCode: resumeCodeOf(s.response, request.cookies[cookie.session]),
      // Shown large until the first answer is saved, then behind a disclosure on every page.
      resumeCodeNew: Object.keys(s.response.answers).length === 0,
      notice: extra.notice,
      noticeAt: extra.noticeAt,
    });
    return send(reply, html, extra.status);
  };

  app.get<{ Params: Params }>('/s/:study/:wave/page', async (request, reply) => {
    const s = await session(request, reply);
    if (!s) return reply;
    const index = currentPageIndex(s.sw, s.response, ctx);
    if (index === 'end') return reply.redirect(`${base(request.params)}/end`, 303);
    const draft = await draftFor(ctx, s.response, s.sw.questionnaire.pages[index]!.page.id);
    if (!draft) return renderPage(request, reply, s, index, {});
    const t = ui(s.lang);
    const notices = {
      more: t.moreQuestions,
      'not-applicable': t.notApplicable,
      'not-reached': t.notReached,
      'required-missing': t.requiredMissing,
      expired: t.expiredForm,
    };
    return renderPage(request, reply, s, index, {
      values: draft.values ?? undefined,
      problems: draft.problems,
      notice: draft.notice ? notices[draft.notice] : undefined,
      noticeAt: draft.notice === 'more' ? draft.newVariables[0] : undefined,
    });
  });

  // Which questions of a page apply given what is typed on it now, for the page's script:
  // the server's own evaluation, nothing stored. The save checks everything again.
  app.post<{ Params: Params; Body: Body }>(
    '/s/:study/:wave/applies',
    page,
    async (request, reply) => {
      const s = await session(request, reply);
      if (!s) return reply;
      const index = s.sw.questionnaire.pages.findIndex(
        (p) => p.page.id === one(request.body._page),
      );
      const show =
        index < 0 ? [] : applicableOnPage(ctx, s.sw, s.response, index, formFields(request.body));
      return reply.header('cache-control', 'no-store').send({ show });
    },
  );

  app.post<{ Params: Params; Body: Body }>('/s/:study/:wave/page', page, async (request, reply) => {
    const s = await session(request, reply);
    if (!s) return reply;
    const body = request.body;
    const form = formFields(body);
    const saveId = one(body._save) ?? '';
    const pageId = one(body._page) ?? '';
    const shownAt = shownTime(one(body._shown), s.response.id, pageId);
    const direction = one(body._action) === 'back' ? 'back' : 'next';
    // The language switch sends the page: what was typed waits for the page in the new language.
    const switchTo = one(body._lang);
    if (switchTo !== undefined) {
      await keepDraft(ctx, s.response, pageId, {
        values: bodyFields(form),
        problems: [],
        notice: null,
        newVariables: [],
      });
      const lang = pickLanguage(s.sw.study, switchTo);
      return reply.redirect(`${base(request.params)}/page?lang=${encodeURIComponent(lang)}`, 303);
    }
    const index = s.sw.questionnaire.pages.findIndex((p) => p.page.id === pageId);
    const hasQuestions =
      index >= 0 && s.sw.questionnaire.variables.some((v) => v.pageIndex === index);
    const tooFast =
      shownAt !== null && hasQuestions && ctx.now().getTime() - shownAt.getTime() < deps.minPageMs;
    if (!/^[A-Za-z0-9_-]{8,100}$/.test(saveId)) return toCurrent(request, reply, s, 'expired');
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
    // Every answer is a redirect to the page (post/redirect/get): what the page shows next
    // (typed values, problems, a notice) waits on the server as the response's page draft.
    const again = async (draft: PageDraft, fragment = '') => {
      await keepDraft(ctx, s.response, pageId, draft);
      return reply.redirect(`${base(request.params)}/page${fragment}`, 303);
    };
    switch (outcome.kind) {
      case 'saved':
      case 'duplicate':
        if (outcome.kind === 'saved' && outcome.next === 'end') kit.shortenSession(request, reply);
        return reply.redirect(`${base(request.params)}/page`, 303);
      case 'invalid':
        return again({
          values: bodyFields(form),
          problems: outcome.problems,
          notice: null,
          newVariables: [],
        });
      case 'more':
        // Without a script the new questions appear now: the page opens at the first of them.
        return again(
          {
            values: bodyFields(form),
            problems: outcome.problems,
            notice: 'more',
            newVariables: outcome.newVariables,
          },
          `#q-${outcome.newVariables[0]}`,
        );
      case 'incomplete':
        // Saved, but not finished: the first page with a missing required answer, marked.
        await keepDraft(ctx, s.response, s.sw.questionnaire.pages[outcome.index]!.page.id, {
          values: null,
          problems: outcome.problems,
          notice: 'required-missing',
          newVariables: [],
        });
        return reply.redirect(`${base(request.params)}/page`, 303);
      case 'not-applicable':
      case 'not-reached':
        return toCurrent(request, reply, s, outcome.kind);
    }
  });

  /**
   * The time a page was shown travels in its form, bound to the response and the page: a
   * time taken from another page or another respondent's form is no time at all.
   */
  const shownMac = (responseId: string, pageId: string, ms: string): Buffer =>
    kit.repeatable('shown', responseId, pageId, ms);
  const shownToken = (responseId: string, pageId: string, ms: number): string =>
    `${ms}.${shownMac(responseId, pageId, String(ms)).toString('base64url')}`;
  const shownTime = (given: string | undefined, responseId: string, pageId: string) => {
    const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(given ?? '');
    if (!m) return null;
    const mac = Buffer.from(m[2]!, 'base64url');
    const expected = shownMac(responseId, pageId, m[1]!);
    return mac.length === expected.length && timingSafeEqual(mac, expected)
      ? new Date(Number(m[1]))
      : null;
  };

  /** To the page where the respondent is now, with a notice saying why. */
  const toCurrent = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    s: { response: SessionResponse; sw: SurveyWave; lang: string },
    notice: 'expired' | 'not-applicable' | 'not-reached',
  ) => {
    const index = currentPageIndex(s.sw, s.response, ctx);
    if (index === 'end') return reply.redirect(`${base(request.params)}/end`, 303);
    await keepDraft(ctx, s.response, s.sw.questionnaire.pages[index]!.page.id, {
      values: null,
      problems: [],
      notice,
      newVariables: [],
    });
    return reply.redirect(`${base(request.params)}/page`, 303);
  };

  /**
   * A page form whose security token failed (open too long, or sent from a stale tab) comes
   * back with what was typed, unsaved, and a fresh token: one press saves it. Nothing is kept
   * on the server, so a form posted from another site changes nothing.
   */
  const pageAgain = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const s = await session(request, reply);
    if (!s) return reply;
    const body = (request.body ?? {}) as Body;
    const form: FormValues = {};
    for (const [key, value] of Object.entries(body))
      if (!key.startsWith('_') && key !== 'website') form[key] = value;
    const asked = s.sw.questionnaire.pages.findIndex((p) => p.page.id === one(body._page));
    const index = asked >= 0 ? asked : currentPageIndex(s.sw, s.response, ctx);
    if (index === 'end') return reply.redirect(`${base(request.params)}/end`, 303);
    return renderPage(request, reply, s, index, {
      values: bodyFields(form),
      notice: ui(s.lang).expiredForm,
      // Refused, though the page is shown again.
      status: 403,
    });
  };

  app.setErrorHandler(
    async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      const status = error.statusCode;
      if (status === undefined || status < 400 || status >= 500) throw error;
      // Not a form, or a field that cannot be taken: a page naming it.
      if (error instanceof FormInputError || status === 415)
        return reply
          .status(status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            formInputPage(
              request,
              error instanceof FormInputError ? error : new FormInputError(415, 'not-a-form'),
            ),
          );
      if (
        error.code?.startsWith('FST_CSRF_') &&
        request.method === 'POST' &&
        request.routeOptions.url === '/s/:study/:wave/page'
      )
        return pageAgain(request as FastifyRequest<{ Params: Params }>, reply);
      // Every other form that cannot be taken gets a page in the survey's layout, not JSON.
      return reply
        .status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(formProblemPage(request, status));
    },
  );

  await deviceRoutes(app, kit);
  await panelRoutes(app, kit);
  await linkRoutes(app, kit);
}

/** The answers in a page form: every field but the form's own (`_page`, ...) and the honeypot. */
function formFields(body: Body): FormValues {
  const form: FormValues = {};
  for (const [key, value] of Object.entries(body))
    if (!key.startsWith('_') && key !== 'website') form[key] = value;
  return form;
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
