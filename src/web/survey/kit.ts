/**
 * What every respondent route shares: the cookies, the language of a page, its frame, the
 * phase notices, the 404 page, and form values that repeat when a form is sent twice.
 */
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldworkContext } from '../../fieldwork/context.js';
import { endOnlyMs, pickLanguage, retiredResponse, sessionMs } from '../../fieldwork/survey.js';
import { loadSurveyWave, phaseAt, type SurveyWave } from '../../fieldwork/survey-wave.js';
import { isProblem } from '../../problems/problem.js';
import type { StudyDefinition } from '../../questionnaire/schema.js';
import type { DailyKeyedHash } from '../../security/keyed-hash.js';
import type { ProofOfWork } from '../../security/proof-of-work.js';
import { deviceHash } from '../../security/server-secret.js';
import type { RateLimiter } from '../../security/rate-limit.js';
import type { CodeAttemptLimits } from '../../security/resume-limits.js';
import type { Signer } from '../../security/signed.js';
import { randomToken } from '../../security/tokens.js';
import { messagePage, resumeForm, type PageFrame } from './pages.js';
import { sendNotFound } from './problem-pages.js';
import { ui } from './texts.js';

export interface SurveyDependencies {
  fieldwork: FieldworkContext;
  signer: Signer;
  networkHash: DailyKeyedHash;
  newResponses: RateLimiter;
  resumeAttempts: CodeAttemptLimits;
  /** A page saved sooner than this after it was shown counts as a too-fast page. */
  minPageMs: number;
  proofOfWork: ProofOfWork;
  /** Keys the stored device hash (derived from the server secret, never in the database). */
  deviceKey: Uint8Array;
  /** Every cookie Secure (the public address is https); else only on requests that came as https. */
  secureCookies?: boolean;
}

/**
 * Every cookie a respondent's browser gets (docs/privacy.md lists them with their lifetimes).
 * `code` is no longer set: earlier versions kept the resume code in it; it is cleared.
 */
export const cookie = { session: 'lg_s', device: 'lg_d', code: 'lg_code', language: 'lg_lang' };
export type Params = { study: string; wave: string; channel?: string };
export type Body = Record<string, string | string[] | undefined>;

/**
 * How long the session cookie lives (fieldwork/survey.ts sessionMs: 30 days). The device and
 * language cookies live no longer than the session.
 */
export const sessionSeconds = sessionMs / 1000;
/** The device cookie: for finding repeated responses from one browser within a study. */
export const deviceSeconds = sessionSeconds;
export const languageSeconds = sessionSeconds;
/** Once the response is complete, the session cookie lives only for the end page and panel form. */
export const endOnlySeconds = endOnlyMs / 1000;

/** A random value a form carries so that sending it twice can be told from two forms. */
export const formNonce = /^[A-Za-z0-9_-]{16,100}$/;

export function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export const waveBase = (studyId: string, waveId: string): string =>
  `/s/${encodeURIComponent(studyId)}/${encodeURIComponent(waveId)}`;

export type Kit = ReturnType<typeof surveyKit>;

export function surveyKit(deps: SurveyDependencies) {
  const ctx = deps.fieldwork;

  const cookieOptions = (request: FastifyRequest, maxAge: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies === true || request.protocol === 'https',
    maxAge,
  });

  /**
   * The hash to store for this browser in this study: of its device cookie (set here when
   * missing), keyed with the server secret and the study (security/server-secret.ts).
   */
  const deviceHashOf = (request: FastifyRequest, reply: FastifyReply, studyId: string): string => {
    let nonce = request.cookies[cookie.device];
    if (!nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
      nonce = randomToken(ctx.random, 16);
      reply.setCookie(cookie.device, nonce, cookieOptions(request, deviceSeconds));
    }
    return deviceHash(deps.deviceKey, studyId, nonce);
  };

  /** The language asked for in the address, else the one already in use, else the cookie's. */
  const language = (
    request: FastifyRequest,
    study: StudyDefinition,
    inUse?: string | null,
  ): string => {
    const query = (request.query as { lang?: string }).lang;
    return pickLanguage(study, query ?? inUse ?? request.cookies[cookie.language]);
  };

  const frame = (
    request: FastifyRequest,
    reply: FastifyReply,
    study: StudyDefinition,
    lang: string,
    /** The address the language switch leads to; the request's own by default. */
    path = request.url.split('?')[0]!,
    /** The wave, for "leave and clear this device"; by default the address's own. */
    wave?: { studyId: string; id: string },
  ): PageFrame => {
    const params = request.params as Partial<Params> | undefined;
    const w =
      wave ??
      (params?.study && params.wave ? { studyId: params.study, id: params.wave } : undefined);
    return {
      study,
      language: lang,
      path,
      csrf: reply.generateCsrf(),
      leave: w ? `${waveBase(w.studyId, w.id)}/leave` : undefined,
    };
  };

  const send = (reply: FastifyReply, page: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page);

  /**
   * The page for a wave that does not take this respondent now, or undefined when it does.
   * `personal`: a personal link, a session or a panel code, which the panel-only phase takes.
   * In the panel-only phase the page for everyone else has the box for a code.
   */
  const phaseNotice = (
    request: FastifyRequest,
    reply: FastifyReply,
    sw: SurveyWave,
    lang: string,
    o: { personal?: boolean; codeError?: string; status?: number } = {},
  ) => {
    const phase = phaseAt(sw.wave, ctx.now());
    if (phase === 'open' || (phase === 'panel-only' && o.personal)) return undefined;
    const t = ui(lang);
    const base = waveBase(sw.wave.studyId, sw.wave.id);
    const f = frame(request, reply, sw.study, lang, base);
    const page =
      phase === 'closed'
        ? messagePage(f, t.closedTitle, t.closedText)
        : phase === 'not-open'
          ? messagePage(f, t.notOpenTitle, t.notOpenText)
          : messagePage(
              f,
              t.notOpenTitle,
              t.panelOnlyText,
              resumeForm(f, `${base}/resume`, o.codeError),
            );
    return send(reply, page, o.status ?? 200);
  };

  const loadWave = async (studyId: string, waveId: string): Promise<SurveyWave | undefined> => {
    try {
      return await loadSurveyWave(ctx.db, studyId, waveId);
    } catch (error) {
      if (isProblem(error)) return undefined;
      throw error;
    }
  };

  /** The 404 page, in the language of the address, the cookie or the study named. */
  const notFound = (reply: FastifyReply) => sendNotFound(ctx.db, reply.request, reply);

  /**
   * Gives the browser a response's session. The resume code never goes into a cookie: it is
   * sealed under the session in the database, and shown on the pages (fieldwork resumeCodeOf).
   */
  const setSession = (
    request: FastifyRequest,
    reply: FastifyReply,
    s: { sessionToken?: string },
  ) => {
    if (s.sessionToken)
      reply.setCookie(cookie.session, s.sessionToken, cookieOptions(request, sessionSeconds));
    // A resume code in plain text, set by earlier versions, goes.
    if (request.cookies[cookie.code] !== undefined) reply.clearCookie(cookie.code, { path: '/' });
  };

  /** The response is complete: its session cookie now lives only for the end page. */
  const shortenSession = (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[cookie.session];
    if (token) reply.setCookie(cookie.session, token, cookieOptions(request, endOnlySeconds));
  };

  /**
   * Bytes that only this server can compute from a form's nonce: a repeat of the same form
   * (a double tap, a retry) gets the same session or code, another form never does.
   */
  const repeatable = (purpose: string, ...parts: string[]): Buffer =>
    createHash('sha256')
      .update(deps.signer.sign([purpose, ...parts].join('\n')))
      .digest();

  /** The response this browser's session led to before another device resumed it. */
  const retired = (request: FastifyRequest<{ Params: Params }>) =>
    retiredResponse(
      ctx,
      request.cookies[cookie.session],
      request.params.study,
      request.params.wave,
    );

  return {
    ctx,
    deps,
    cookieOptions,
    deviceHashOf,
    language,
    frame,
    send,
    phaseNotice,
    loadWave,
    notFound,
    setSession,
    shortenSession,
    repeatable,
    retired,
  };
}

export { formProblemPage } from './problem-pages.js';
