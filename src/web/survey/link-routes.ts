/**
 * Personal links and opting out, both by the token of the link in an invitation:
 *
 *   GET  /i/:token   the link's start page (or the browser's own response, if it holds it)
 *   POST /i/:token   uses the link, once: its response is found or started
 *   GET  /o/:token   asks whether to stop invitations
 *   POST /o/:token   stops them (also in one click from a mail program)
 *
 * Opening an address changes nothing: mail scanners open every link in a mail, so only a
 * button pressed by a person uses a link or opts anyone out.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { optOut } from '../../fieldwork/panel.js';
import {
  invitationOfLink,
  pickLanguage,
  responseForSession,
  useInvitation,
} from '../../fieldwork/survey.js';
import { studyAndWave } from '../../fieldwork/survey-wave.js';
import { randomToken } from '../../security/tokens.js';
import type { InvitationRow } from '../../store/queries/invitations.js';
import { cookie, formNonce, languageSeconds, one, waveBase, type Body, type Kit } from './kit.js';
import { invitationStartPage, linkUsedPage, optOutDonePage, optOutPage } from './panel-pages.js';
import { text } from './items.js';

type Token = { Params: { token: string } };

const wellFormed = /^[A-Za-z0-9_-]{20,100}$/;

export async function linkRoutes(app: FastifyInstance, kit: Kit): Promise<void> {
  const { ctx, send, frame } = kit;
  const small = { preHandler: app.csrfProtection, bodyLimit: 4 * 1024 };

  const invitation = async (request: FastifyRequest<Token>): Promise<InvitationRow | undefined> =>
    wellFormed.test(request.params.token) ? invitationOfLink(ctx, request.params.token) : undefined;

  const remember = (request: FastifyRequest, reply: FastifyReply, lang: string) =>
    reply.setCookie(cookie.language, lang, kit.cookieOptions(request, languageSeconds));

  app.get<Token>('/i/:token', async (request, reply) => {
    const inv = await invitation(request);
    const sw = inv && (await kit.loadWave(inv.studyId, inv.waveId));
    if (!inv || !sw) return kit.notFound(reply);
    const base = waveBase(sw.wave.studyId, sw.wave.id);
    const existing = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      sw.wave.studyId,
      sw.wave.id,
    );
    const mine =
      existing &&
      (inv.panelistId !== null
        ? existing.panelistId === inv.panelistId
        : existing.invitationId === inv.id);
    const lang = kit.language(request, sw.study, mine ? existing.language : inv.language);
    remember(request, reply, lang);
    if (mine) return reply.redirect(`${base}/page`, 303);
    const closed = kit.phaseNotice(request, reply, sw, lang, { personal: true });
    if (closed) return closed;
    const f = frame(request, reply, sw.study, lang, undefined, sw.wave);
    if (inv.usedAt !== null) return send(reply, linkUsedPage(f, base));
    return send(
      reply,
      invitationStartPage(f, {
        waveTitle: text(sw.wave.title, lang),
        action: `/i/${request.params.token}`,
        nonce: randomToken(ctx.random, 16),
      }),
    );
  });

  app.post<Token & { Body: Body }>('/i/:token', small, async (request, reply) => {
    const inv = await invitation(request);
    const sw = inv && (await kit.loadWave(inv.studyId, inv.waveId));
    if (!inv || !sw) return kit.notFound(reply);
    const base = waveBase(sw.wave.studyId, sw.wave.id);
    const lang = pickLanguage(sw.study, one(request.body.lang) ?? inv.language ?? undefined);
    const closed = kit.phaseNotice(request, reply, sw, lang, { personal: true });
    if (closed) return closed;
    const nonce = one(request.body._use);
    const used = await useInvitation(ctx, sw, request.params.token, {
      browserSession: request.cookies[cookie.session],
      // Derived from the form: a double tap on Start finds the response the first one began.
      sessionToken:
        nonce !== undefined && formNonce.test(nonce)
          ? kit.repeatable('link-session', request.params.token, nonce).toString('base64url')
          : undefined,
      language: lang,
      deviceHash: kit.deviceHashOf(request, reply, sw.wave.studyId),
    });
    if (used.kind === 'unknown') return kit.notFound(reply);
    if (used.kind === 'used')
      return send(
        reply,
        linkUsedPage(frame(request, reply, sw.study, lang, undefined, sw.wave), base),
      );
    remember(request, reply, used.response.language);
    kit.setSession(request, reply, used);
    return reply.redirect(`${base}/page`, 303);
  });

  await app.register(async (optOutApp) => optOutRoutes(optOutApp, kit, invitation));
}

/**
 * Opting out. Besides the page's button, mail programs may opt out in one click (RFC 8058,
 * the List-Unsubscribe-Post header of every invitation): a POST of
 * `List-Unsubscribe=One-Click` without cookies. The token in the address is what proves the
 * right to opt out, so that POST needs no CSRF token; every other one does.
 */
async function optOutRoutes(
  app: FastifyInstance,
  kit: Kit,
  invitation: (request: FastifyRequest<Token>) => Promise<InvitationRow | undefined>,
): Promise<void> {
  const { ctx, send, frame } = kit;
  // Mail programs may send the one click as multipart/form-data: only that field is read.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 4 * 1024 },
    (_request, body, done) =>
      done(
        null,
        /name="List-Unsubscribe"\r?\n\r?\n\s*One-Click\s*(\r?\n|$)/.test(body as string)
          ? { 'List-Unsubscribe': 'One-Click' }
          : {},
      ),
  );
  const oneClick = (request: FastifyRequest) =>
    one((request.body as Body | undefined)?.['List-Unsubscribe']) === 'One-Click';

  /** The study of an invitation, for its pages. */
  const studyOf = async (studyId: string, waveId: string) =>
    (await studyAndWave(ctx.db, studyId, waveId, Date.now()))?.study;

  app.get<Token>('/o/:token', async (request, reply) => {
    const inv = await invitation(request);
    const study = inv && (await studyOf(inv.studyId, inv.waveId));
    if (!inv || !study) return kit.notFound(reply);
    const lang = kit.language(request, study, inv.language);
    const f = frame(request, reply, study, lang);
    if (inv.optedOutAt !== null) return send(reply, optOutDonePage(f));
    return send(reply, optOutPage(f, `/o/${request.params.token}`));
  });

  app.post<Token & { Body: Body }>(
    '/o/:token',
    {
      bodyLimit: 4 * 1024,
      preHandler: (request, reply, done) =>
        oneClick(request) ? done() : app.csrfProtection(request, reply, done),
    },
    async (request, reply) => {
      const done = wellFormed.test(request.params.token)
        ? await optOut(ctx, request.params.token)
        : undefined;
      const study = done && (await studyOf(done.studyId, done.waveId));
      if (!done || !study) return kit.notFound(reply);
      const lang = pickLanguage(study, one(request.body?.lang) ?? done.language ?? undefined);
      return send(reply, optOutDonePage(frame(request, reply, study, lang)));
    },
  );
}
