/**
 * The respondent's device: the page a browser sees after its response went on elsewhere, and
 * leaving (every Longitude cookie cleared, the session ended on the server).
 *
 *   GET  /s/:study/:wave/elsewhere  the response continues on another device
 *   POST /s/:study/:wave/leave      leave and clear this device
 */
import type { FastifyInstance } from 'fastify';
import { leaveDevice, pickLanguage, waveOfResponse } from '../../fieldwork/survey.js';
import { html } from '../html.js';
import { cookie, one, waveBase, type Body, type Kit, type Params } from './kit.js';
import { codeWords, messagePage, resumeForm } from './pages.js';
import { ui } from './texts.js';

export async function deviceRoutes(app: FastifyInstance, kit: Kit): Promise<void> {
  const { ctx, send, frame } = kit;
  const base = (p: Params): string => waveBase(p.study, p.wave);

  // The device a resume elsewhere left behind: where the response went, and how to take it back.
  app.get<{ Params: Params; Querystring: { unsaved?: string } }>(
    '/s/:study/:wave/elsewhere',
    async (request, reply) => {
      const response = await kit.retired(request);
      if (!response) return reply.redirect(base(request.params), 303);
      const sw = await waveOfResponse(ctx, response);
      const lang = kit.language(request, sw.study, response.language);
      const t = ui(lang);
      const f = frame(request, reply, sw.study, lang);
      const unsaved = request.query.unsaved === '1';
      return send(
        reply,
        messagePage(
          f,
          t.elsewhereTitle,
          t.elsewhereText,
          html`${unsaved ? html`<p class="err" role="alert">${t.elsewhereUnsaved}</p>` : ''}
            <p>${t.elsewhereHere}</p>
            ${resumeForm(f, `${base(request.params)}/resume`)}`,
        ),
        unsaved ? 409 : 200,
      );
    },
  );

  // Leave and clear this device: every Longitude cookie goes, the session ends on the server,
  // and an unfinished response's resume code is shown one last time.
  app.post<{ Params: Params; Body: Body }>(
    '/s/:study/:wave/leave',
    { preHandler: app.csrfProtection, bodyLimit: 4 * 1024 },
    async (request, reply) => {
      const sw = await kit.loadWave(request.params.study, request.params.wave);
      if (!sw) return kit.notFound(reply);
      const left = await leaveDevice(ctx, request.cookies[cookie.session]);
      for (const name of [...Object.values(cookie), '_csrf'])
        reply.clearCookie(name, kit.cookieOptions(request, 0));
      const lang = pickLanguage(sw.study, one(request.body.lang) ?? left.language);
      const t = ui(lang);
      // No form on this page: a form would give the browser a new security cookie.
      const f = { study: sw.study, language: lang, path: base(request.params), csrf: '' };
      const code = left.resumeCode
        ? html`<p>${t.leftCode}</p>
            <div class="code">${codeWords(left.resumeCode, lang)}</div>`
        : left.unfinished
          ? html`<p>${t.leftNoCode}</p>`
          : '';
      return send(
        reply,
        messagePage(
          f,
          t.leftTitle,
          t.leftText,
          html`${code}
            <p><a href="${base(request.params)}">${t.leftStart}</a></p>`,
        ),
      );
    },
  );
}
