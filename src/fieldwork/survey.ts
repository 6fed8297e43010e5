/**
 * The respondent's path through a wave: start (by open link or personal link), resume (by
 * cookie or resume code), and page saves. Each save is validated with the questionnaire room,
 * acknowledged only once committed, and idempotent by its save id.
 */
import { Problem } from '../problems/problem.js';
import type { Answers } from '../questionnaire/answers.js';
import { completionShareOf } from '../questionnaire/completion.js';
import {
  applicability,
  applicablePages,
  nextPage,
  pageAfter,
  pageBefore,
  pageList,
} from '../questionnaire/flow.js';
import { missingRequired } from '../questionnaire/required.js';
import { validatePage, type FormValues, type PageProblem } from '../questionnaire/validate.js';
import { canonicalResumeCodes, hashResumeCode, newResumeCode } from '../security/resume-code.js';
import { openForSession, sealForSession } from '../security/session-sealed.js';
import { hashToken, randomToken } from '../security/tokens.js';
import {
  findInvitation,
  lockInvitation,
  markInvitationUsed,
  type InvitationRow,
} from '../store/queries/invitations.js';
import { lockPanelist } from '../store/queries/panelists.js';
import {
  addSignals,
  createResponse,
  endSession,
  findRetiredSession,
  forgetRetiredSession,
  findPanelistResponse,
  findResponseByInvitation,
  findResponseByResumeCode,
  findResponseBySession,
  replaceSession,
  savePage,
  setResponseLanguage,
  type ResponseRow,
  type SessionResponse,
} from '../store/queries/responses.js';
import type { StudyDefinition } from '../questionnaire/schema.js';
import type { FieldworkContext } from './context.js';
import { loadVersion, studyAndWave, type SurveyWave } from './survey-wave.js';

export interface Started {
  response: ResponseRow;
  /** Goes into the respondent's cookie; only its hash is stored. */
  sessionToken: string;
  /**
   * For the respondent to write down (canonical form: English words). Stored as a hash, and
   * sealed under the session so that this browser can see it again (resumeCodeOf).
   */
  resumeCode: string;
}

/**
 * How long a session cookie lives: 30 days, longer than a wave's fieldwork usually runs (the
 * reference study's waves ran about three weeks). Later, or on another device, the resume code
 * leads back. A retired session is remembered as long, then forgotten.
 */
export const sessionMs = 30 * 24 * 3600_000;

export function today(ctx: FieldworkContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

export function pickLanguage(study: StudyDefinition, wanted: string | undefined): string {
  return wanted !== undefined && study.languages.includes(wanted) ? wanted : study.default_language;
}

export async function startResponse(
  ctx: FieldworkContext,
  sw: SurveyWave,
  input: {
    channelCode: string | null;
    language?: string;
    /** The browser's keyed device hash (web/survey/kit.ts), for the repeated-device check. */
    deviceHash?: string;
    invitationId?: number;
    panelistId?: number;
    /** The session to give (see useInvitation); absent: a new random one. */
    sessionToken?: string;
  },
): Promise<Started> {
  const first = nextPage(sw.questionnaire, -1, {}, { today: today(ctx) });
  const sessionToken = input.sessionToken ?? randomToken(ctx.random);
  // A clash of two 66-bit codes is astronomically unlikely; a retry costs nothing.
  for (let attempt = 0; ; attempt++) {
    const resumeCode = newResumeCode(ctx.random);
    try {
      const response = await createResponse(ctx.db, {
        studyId: sw.wave.studyId,
        waveId: sw.wave.id,
        questionnaireVersionId: sw.versionId,
        channelCode: input.channelCode,
        language: pickLanguage(sw.study, input.language),
        currentPage: first?.page.id ?? null,
        now: ctx.now(),
        sessionHash: hashToken(sessionToken),
        resumeCodeHash: hashResumeCode(resumeCode),
        resumeCodeSealed: sealForSession(sessionToken, resumeCode, ctx.random),
        deviceHash: input.deviceHash ?? null,
        invitationId: input.invitationId ?? null,
        panelistId: input.panelistId ?? null,
      });
      return { response, sessionToken, resumeCode };
    } catch (error) {
      const clash = error instanceof Problem && error.code === 'store.conflict';
      if (!clash || attempt >= 2) throw error;
    }
  }
}

/**
 * How long a session still leads to its response once the response is complete: long enough
 * for the end page and the panel form, after which the browser holds nothing that leads to it.
 */
export const endOnlyMs = 3600_000;

/**
 * The response behind a session cookie, for this wave. A complete response's session works
 * only for `endOnlyMs` after completion; later it is ended (its hash removed) and leads nowhere.
 */
export async function responseForSession(
  ctx: FieldworkContext,
  sessionToken: string | undefined,
  studyId: string,
  waveId: string,
): Promise<SessionResponse | undefined> {
  if (!sessionToken) return undefined;
  const hash = hashToken(sessionToken);
  const response = await findResponseBySession(ctx.db, hash);
  if (!response || response.studyId !== studyId || response.waveId !== waveId) return undefined;
  if (
    response.completedAt !== null &&
    ctx.now().getTime() - response.completedAt.getTime() > endOnlyMs
  ) {
    await endSession(ctx.db, response.id, hash);
    return undefined;
  }
  return response;
}

/**
 * Continues a response from another device: a new session; the old cookie stops working.
 * With `within`, only a response of that wave counts (a code of another wave changes nothing).
 */
export async function resumeWithCode(
  ctx: FieldworkContext,
  code: string,
  within?: { studyId: string; waveId: string },
): Promise<{ response: ResponseRow; sessionToken: string } | undefined> {
  // A code typed in any word list: each list that has all six words gives a candidate.
  for (const canonical of canonicalResumeCodes(code)) {
    const response = await findResponseByResumeCode(ctx.db, [hashResumeCode(canonical)]);
    if (!response) continue;
    if (within && (response.studyId !== within.studyId || response.waveId !== within.waveId))
      return undefined;
    const sessionToken = randomToken(ctx.random);
    await replaceSession(ctx.db, response.id, {
      sessionHash: hashToken(sessionToken),
      resumeCodeSealed: sealForSession(sessionToken, canonical, ctx.random),
      ...retiring(ctx),
    });
    return { response, sessionToken };
  }
  return undefined;
}

/** When a session is replaced now, and how old a retired one may be before it is forgotten. */
export function retiring(ctx: FieldworkContext): { now: Date; forgetBefore: Date } {
  const now = ctx.now();
  return { now, forgetBefore: new Date(now.getTime() - sessionMs) };
}

/**
 * The resume code of a response, readable only with the session it was sealed under (the
 * browser's cookie): canonical English words, or undefined.
 */
export function resumeCodeOf(
  response: SessionResponse,
  sessionToken: string | undefined,
): string | undefined {
  return sessionToken ? openForSession(sessionToken, response.resumeCodeSealed) : undefined;
}

/**
 * The response a session cookie belonged to before a resume on another device replaced it, in
 * this wave: its device is told where the response went, and it cannot start a second one.
 */
export async function retiredResponse(
  ctx: FieldworkContext,
  sessionToken: string | undefined,
  studyId: string,
  waveId: string,
): Promise<ResponseRow | undefined> {
  if (!sessionToken) return undefined;
  const found = await findRetiredSession(ctx.db, hashToken(sessionToken));
  if (!found || found.response.studyId !== studyId || found.response.waveId !== waveId)
    return undefined;
  if (ctx.now().getTime() - found.retiredAt.getTime() > sessionMs) return undefined;
  return found.response;
}

/**
 * "Leave and clear this device": ends the browser's session on the server (its hash removed,
 * a retired one forgotten) and gives back, for an unfinished response, its resume code as this
 * session can still open it, to show one last time.
 */
export async function leaveDevice(
  ctx: FieldworkContext,
  sessionToken: string | undefined,
): Promise<{ unfinished: boolean; resumeCode?: string; language?: string }> {
  if (!sessionToken) return { unfinished: false };
  const hash = hashToken(sessionToken);
  const retired = await findRetiredSession(ctx.db, hash);
  await forgetRetiredSession(ctx.db, hash);
  const response = await findResponseBySession(ctx.db, hash);
  // Its response went on elsewhere: unfinished, but this session cannot open its code.
  if (!response && retired)
    return {
      unfinished: retired.response.status !== 'complete',
      language: retired.response.language,
    };
  if (!response) return { unfinished: false };
  await endSession(ctx.db, response.id, hash);
  if (response.status === 'complete') return { unfinished: false, language: response.language };
  return {
    unfinished: true,
    resumeCode: resumeCodeOf(response, sessionToken),
    language: response.language,
  };
}

/** The invitation behind a personal link's token, if there is one; opening it changes nothing. */
export async function invitationOfLink(
  ctx: FieldworkContext,
  token: string,
): Promise<InvitationRow | undefined> {
  return findInvitation(ctx.db, hashToken(token));
}

export type InvitationUse =
  | { kind: 'unknown' }
  /** Used before, and this browser holds no session of its response: nothing changed. */
  | { kind: 'used' }
  /**
   * The response to go to. `sessionToken` is the cookie to set (absent: the browser's
   * session stays); `resumeCode` is set when the response is new.
   */
  | { kind: 'response'; response: ResponseRow; sessionToken?: string; resumeCode?: string };

/**
 * Uses a personal link (its Start button was pressed): in one transaction, with the link's row
 * locked, records it as opened and used and finds the panelist's response in this wave, or
 * starts one. A link already used leads only the browser that holds its response's session;
 * anyone else is told so and nothing changes. A link made without a panelist keeps one
 * response of its own.
 *
 * `sessionToken` is the session to give when one is needed: a caller that derives it from
 * the submitted form makes a repeat of the same form (a double tap) find its own response.
 */
export async function useInvitation(
  ctx: FieldworkContext,
  sw: SurveyWave,
  token: string,
  input: {
    /** The session cookie the browser holds, if any. */
    browserSession?: string;
    sessionToken?: string;
    language?: string;
    deviceHash?: string;
  },
): Promise<InvitationUse> {
  return ctx.db.transaction().execute(async (tx) => {
    const invitation = await lockInvitation(tx, hashToken(token));
    if (!invitation || invitation.studyId !== sw.wave.studyId || invitation.waveId !== sw.wave.id)
      return { kind: 'unknown' };
    if (invitation.panelistId !== null) await lockPanelist(tx, invitation.panelistId);
    const response =
      invitation.panelistId !== null
        ? await findPanelistResponse(tx, invitation.panelistId, sw.wave.studyId, sw.wave.id)
        : await findResponseByInvitation(tx, invitation.id);
    const held = [input.browserSession, input.sessionToken].find(
      (s) => s !== undefined && response?.sessionHash === hashToken(s),
    );
    if (response && held !== undefined) {
      await markInvitationUsed(tx, invitation.id, ctx.now());
      const { sessionHash: _, ...row } = response;
      return {
        kind: 'response',
        response: row,
        ...(held === input.browserSession ? {} : { sessionToken: held }),
      };
    }
    if (invitation.usedAt !== null) return { kind: 'used' };
    await markInvitationUsed(tx, invitation.id, ctx.now());
    if (response) {
      const sessionToken = input.sessionToken ?? randomToken(ctx.random);
      // The code cannot be resealed (the server cannot read it): this browser has the link.
      await replaceSession(tx, response.id, {
        sessionHash: hashToken(sessionToken),
        resumeCodeSealed: null,
        ...retiring(ctx),
      });
      const { sessionHash: _, ...row } = response;
      return { kind: 'response', response: row, sessionToken };
    }
    const started = await startResponse({ ...ctx, db: tx }, sw, {
      channelCode: null,
      language: input.language,
      deviceHash: input.deviceHash,
      invitationId: invitation.id,
      panelistId: invitation.panelistId ?? undefined,
      sessionToken: input.sessionToken,
    });
    return { kind: 'response', ...started };
  });
}

/** The wave as this response sees it: with the questionnaire version it began on. */
export async function waveOfResponse(
  ctx: FieldworkContext,
  response: ResponseRow,
): Promise<SurveyWave> {
  // Cache expiry follows real time, whatever clock the survey runs on.
  const found = await studyAndWave(ctx.db, response.studyId, response.waveId, Date.now());
  if (!found) throw new Problem('wave.not-found', 'There is no such survey.');
  return loadVersion(ctx.db, found.study, found.wave, response.questionnaireVersionId);
}

/** The page to show: the stored current page while it applies, else the next that does. */
export function currentPageIndex(
  sw: SurveyWave,
  response: ResponseRow,
  ctx: FieldworkContext,
): number | 'end' {
  if (response.status === 'complete') return 'end';
  const answers = response.answers as Answers;
  return currentOf(sw, response, applicablePages(sw.questionnaire, answers, { today: today(ctx) }));
}

/** Of the applicable `pages`, the current one (see currentPageIndex). */
function currentOf(sw: SurveyWave, response: ResponseRow, pages: number[]): number | 'end' {
  if (response.status === 'complete') return 'end';
  const stored = sw.questionnaire.pages.findIndex((p) => p.page.id === response.currentPage);
  if (stored >= 0 && pages.includes(stored)) return stored;
  const after = pages.find((p) => p > stored);
  return after ?? 'end';
}

export type SaveOutcome =
  | { kind: 'saved'; next: number | 'end' }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; problems: PageProblem[] }
  /** The answers opened questions on this page that the respondent has not seen yet. */
  | { kind: 'more'; problems: PageProblem[]; newVariables: string[] }
  | { kind: 'not-applicable' }
  /** A page that applies but is ahead of the respondent's current page: nothing saved. */
  | { kind: 'not-reached' }
  /**
   * The page was saved, but finishing found required answers missing on the path: the
   * respondent goes to the first page with one (`index`); `problems` are that page's.
   */
  | { kind: 'incomplete'; index: number; problems: PageProblem[]; answers: Answers };

export interface PageSubmission {
  pageId: string;
  saveId: string;
  form: FormValues;
  direction: 'next' | 'back';
  shownAt: Date | null;
  language: string;
  /** The variables the form showed; absent means all that apply. */
  shownVariables?: Set<string>;
}

export async function submitPage(
  ctx: FieldworkContext,
  sw: SurveyWave,
  response: ResponseRow,
  s: PageSubmission,
): Promise<SaveOutcome> {
  const q = sw.questionnaire;
  const flow = { today: today(ctx) };
  const index = q.pages.findIndex((p) => p.page.id === s.pageId);
  const before = response.answers as Answers;
  const applicableBefore = applicability(q, before, flow);
  if (index < 0 || response.status === 'complete' || !applicableBefore.pages.has(index))
    return { kind: 'not-applicable' };
  // The server owns the path: only the current page or one already passed is saved.
  const current = currentOf(sw, response, pageList(applicableBefore));
  if (current === 'end' || index > current) return { kind: 'not-reached' };
  const checked = validatePage(
    q,
    index,
    s.form,
    before,
    { ...flow, language: s.language },
    applicableBefore,
  );
  const merged = { ...before, ...checked.answers };
  const after = applicability(q, merged, flow);
  if (s.direction === 'next' && s.shownVariables) {
    // Without a script, items that depend on answers on the same page appear after a submit.
    const shown = s.shownVariables;
    // A value sent for an item means the page showed it (a script may show items at once).
    const sent = (name: string): boolean =>
      [s.form[name]].flat().some((x) => (x ?? '').trim() !== '');
    const newVariables = q.variables
      .filter(
        (v) =>
          v.pageIndex === index &&
          after.variables.has(v.name) &&
          !shown.has(v.name) &&
          !sent(v.name),
      )
      .map((v) => v.name);
    if (newVariables.length > 0)
      return {
        kind: 'more',
        newVariables,
        problems: checked.problems.filter((p) => shown.has(p.variable)),
      };
  }
  if (s.direction === 'next' && checked.problems.length > 0)
    return { kind: 'invalid', problems: checked.problems };
  const pagesAfter = pageList(after);
  const target =
    s.direction === 'next' ? pageAfter(q, pagesAfter, index) : pageBefore(q, pagesAfter, index);
  const last = s.direction === 'next' && target === undefined;
  // Finishing checks every page's required answers, not only this page's.
  const missing = last ? missingRequired(q, after, s.language) : [];
  const finished = last && missing.length === 0;
  const back = missing.length > 0 ? missing[0]!.pageIndex : undefined;
  const result = await savePage(ctx.db, {
    responseId: response.id,
    pageId: s.pageId,
    saveId: s.saveId,
    answers: checked.answers,
    shownAt: s.shownAt,
    savedAt: ctx.now(),
    completionShare: completionShareOf(q, after),
    currentPage:
      back !== undefined ? q.pages[back]!.page.id : finished ? null : (target?.page.id ?? s.pageId),
    status: finished ? 'complete' : undefined,
  });
  if (!result.found) return { kind: 'not-applicable' };
  if (result.duplicate) return { kind: 'duplicate' };
  if (back !== undefined)
    return {
      kind: 'incomplete',
      index: back,
      problems: missing.filter((m) => m.pageIndex === back),
      answers: merged,
    };
  return { kind: 'saved', next: finished ? 'end' : (target?.index ?? index) };
}

export async function changeLanguage(
  ctx: FieldworkContext,
  response: ResponseRow,
  study: StudyDefinition,
  language: string,
): Promise<string> {
  const chosen = pickLanguage(study, language);
  if (chosen !== response.language) await setResponseLanguage(ctx.db, response.id, chosen);
  return chosen;
}

export async function recordSignals(
  ctx: FieldworkContext,
  response: ResponseRow,
  counts: Record<string, number>,
): Promise<void> {
  const nonZero = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
  if (Object.keys(nonZero).length > 0) await addSignals(ctx.db, response.id, nonZero);
}
