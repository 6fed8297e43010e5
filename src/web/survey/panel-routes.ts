/**
 * The end of a wave and joining the panel there:
 *
 *   GET  /s/:study/:wave/end     thanks; with the study's panel section, the panel form
 *   POST /s/:study/:wave/panel   leave an email or a messenger name, take a panel code, decline
 *
 * Only the complete response of the browser's session may enrol. A contact is sealed by the
 * service at once and is never logged; it comes back only into the form, when it is invalid.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canTakeContacts, enrol, type EnrolmentChoice } from '../../fieldwork/panel.js';
import { pickLanguage, responseForSession, waveOfResponse } from '../../fieldwork/survey.js';
import { isProblem } from '../../problems/problem.js';
import { newResumeCode } from '../../security/resume-code.js';
import { randomToken } from '../../security/tokens.js';
import { cookie, formNonce, one, waveBase, type Body, type Kit, type Params } from './kit.js';
import {
  panelCodePage,
  panelDonePage,
  panelEndPage,
  panelMemberEndPage,
  type PanelField,
} from './panel-pages.js';
import { endPage } from './pages.js';
import { ui } from './texts.js';

export async function panelRoutes(app: FastifyInstance, kit: Kit): Promise<void> {
  const { ctx, send, frame } = kit;
  const small = { preHandler: app.csrfProtection, bodyLimit: 4 * 1024 };

  /** The complete response of this browser's session in this wave, with the wave. */
  const finished = async (request: FastifyRequest<{ Params: Params }>) => {
    const response = await responseForSession(
      ctx,
      request.cookies[cookie.session],
      request.params.study,
      request.params.wave,
    );
    if (!response || response.status !== 'complete') return undefined;
    return { response, sw: await waveOfResponse(ctx, response) };
  };

  app.get<{ Params: Params }>('/s/:study/:wave/end', async (request, reply) => {
    const base = waveBase(request.params.study, request.params.wave);
    const found = await finished(request);
    if (!found) return reply.redirect(base, 303);
    const { response, sw } = found;
    const lang = kit.language(request, sw.study, response.language);
    const f = frame(request, reply, sw.study, lang);
    if (!sw.study.panel) return send(reply, endPage(f));
    if (response.panelistId !== null) return send(reply, panelMemberEndPage(f));
    return send(
      reply,
      panelEndPage(f, {
        action: `${base}/panel`,
        nonce: randomToken(ctx.random, 16),
        contacts: await canTakeContacts(ctx, sw.wave.studyId),
      }),
    );
  });

  // The form's address, opened by hand or by a language switch: the end page says it all.
  app.get<{ Params: Params }>('/s/:study/:wave/panel', async (request, reply) =>
    reply.redirect(`${waveBase(request.params.study, request.params.wave)}/end`, 303),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/s/:study/:wave/panel',
    small,
    async (request, reply) => {
      const base = waveBase(request.params.study, request.params.wave);
      const found = await finished(request);
      if (!found) return reply.redirect(base, 303);
      const { response, sw } = found;
      const panel = sw.study.panel;
      if (!panel) return reply.redirect(`${base}/end`, 303);
      const body = request.body;
      const lang = pickLanguage(sw.study, one(body.lang) ?? response.language);
      const t = ui(lang);
      const f = frame(request, reply, sw.study, lang, `${base}/end`);
      const contacts = await canTakeContacts(ctx, sw.wave.studyId);
      const given = one(body._enrol);
      const nonce = given !== undefined && formNonce.test(given) ? given : undefined;
      const choiceName = one(body.choice);
      const email = (one(body.email) ?? '').slice(0, 320);
      const handle = (one(body.handle) ?? '').slice(0, 100);

      const again = (errors: Partial<Record<PanelField, string>>) =>
        send(
          reply,
          panelEndPage(f, {
            action: `${base}/panel`,
            nonce: nonce ?? randomToken(ctx.random, 16),
            contacts,
            // Typed contacts go back only into a form that has their fields.
            values: { choice: choiceName, ...(contacts ? { email, handle } : {}) },
            errors,
          }),
          422,
        );

      let choice: EnrolmentChoice;
      if (choiceName === 'email' || choiceName === 'messenger') {
        if (!contacts) return again({ choice: t.panelNoContacts });
        if (choiceName === 'email') {
          if (email.trim() === '') return again({ email: t.panelEmailMissing });
          choice = { kind: 'email', address: email };
        } else {
          if (handle.trim() === '') return again({ handle: t.panelHandleMissing });
          choice = { kind: 'messenger', handle };
        }
      } else if (choiceName === 'code') choice = { kind: 'code' };
      else if (choiceName === 'decline') choice = { kind: 'decline' };
      else return again({ choice: t.panelChooseError });

      // The same form sent twice gets the same code: the first page may never have shown.
      const panelCode =
        choice.kind === 'code' && nonce
          ? newResumeCode((n) => kit.repeatable('panel-code', response.id, nonce).subarray(0, n))
          : undefined;
      let enrolled;
      try {
        enrolled = await enrol(ctx, response.id, choice, panel.consent.version, { panelCode });
      } catch (error) {
        if (!isProblem(error)) throw error;
        switch (error.place.field) {
          case 'email':
            return again({ email: t.panelEmailError });
          case 'handle':
            return again({ handle: t.panelHandleError });
          case 'contact':
            return again({ choice: t.panelNoContacts });
          case 'response':
            return reply.redirect(base, 303);
        }
        throw error;
      }
      if (enrolled.panelCode) return send(reply, panelCodePage(f, enrolled.panelCode));
      if (enrolled.already) return send(reply, panelDonePage(f, 'already'));
      return send(reply, panelDonePage(f, choice.kind === 'decline' ? 'decline' : 'contact'));
    },
  );
}
