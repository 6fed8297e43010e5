/**
 * The start page a researcher opens after `npm start`: what is loaded, and where to go; and
 * the page that asks for the research token before it.
 */
import { createHash } from 'node:crypto';
import type { StudySummary } from '../../fieldwork/studies.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd}
code{background:#f3f3f3;padding:0 .2rem}
label,input,button{display:block;font:inherit;margin:.4rem 0}input{width:100%;max-width:30rem}`;

/**
 * The research pages' own Content-Security-Policy: their one style, sent byte for byte as
 * hashed (the survey's policy names the survey's style, not this one).
 */
export const researchPagePolicy = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join(';');

function researchPage(title: string, body: SafeHtml | SafeHtml[]): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title}</title>
        <style>${trustedHtml(style)}</style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.text;
}

/** The start address while the research pages are switched off (no token configured). */
export function researchOffPage(): string {
  return researchPage(
    'Longitude',
    html`<h1>Longitude</h1>
      <p>
        The server is running. The research pages are switched off: start the server with
        <code>LONGITUDE_RESEARCH_TOKEN</code> set (at least 32 characters) to see the studies here.
        Respondents use the survey links (<code>npx longitude links</code>).
      </p>`,
  );
}

/** Asks for the research token (LONGITUDE_RESEARCH_TOKEN); `wrong` after a token that was not it. */
export function signInPage(csrf: string, wrong: boolean): string {
  return researchPage(
    'Longitude: research token',
    html`<h1>Longitude</h1>
      <p>
        These pages are for the research team. Enter the research token the server was started with
        (<code>LONGITUDE_RESEARCH_TOKEN</code>).
      </p>
      ${wrong ? html`<p role="alert"><strong>That is not the research token.</strong></p>` : ''}
      <form method="post" action="/sign-in">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label for="token">Research token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <button type="submit">Open</button>
      </form>`,
  );
}

function pickText(text: Record<string, string>, language: string): string {
  return text[language] ?? Object.values(text)[0] ?? '';
}

export function homePage(studies: StudySummary[]): string {
  const body = studies.length
    ? studies.map(
        (s) =>
          html`<section>
            <h2>${pickText(s.title, s.defaultLanguage)} <small>(<code>${s.id}</code>)</small></h2>
            <p>Languages: ${s.languages.join(', ')}. Responses: ${s.responses}.</p>
            <table>
              <thead>
                <tr>
                  <th>Wave</th>
                  <th>Questionnaire version</th>
                  <th>Phases</th>
                  <th>Responses</th>
                </tr>
              </thead>
              <tbody>
                ${s.waves.map(
                  (w) =>
                    html`<tr>
                      <td>${pickText(w.title, s.defaultLanguage)} (<code>${w.id}</code>)</td>
                      <td>${w.version}</td>
                      <td>${phases(w)}</td>
                      <td>${w.responses}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <p>
              Recruitment channels:
              ${s.channels.map((c, i) => html`${i > 0 ? ', ' : ''}${c.name} (<code>${c.code}</code>)`)}
            </p>
          </section>`,
      )
    : html`<p>
        No study is loaded yet. Load one with
        <code>npx longitude study load examples/exile-panel</code>.
      </p>`;
  return researchPage(
    'Longitude',
    html`<h1>Longitude</h1>
      <p>
        Longitudinal online panel surveys of people on the move. JSON:
        <a href="/api/studies">/api/studies</a>.
      </p>
      ${body}`,
  );
}

function phases(w: {
  panelOpensAt: Date | null;
  opensAt: Date | null;
  closesAt: Date | null;
}): string {
  const d = (x: Date | null): string => (x ? x.toISOString().slice(0, 16).replace('T', ' ') : '');
  if (!w.panelOpensAt && !w.opensAt && !w.closesAt) return 'open now (no dates set)';
  const parts: string[] = [];
  if (w.panelOpensAt) parts.push(`panel only from ${d(w.panelOpensAt)}`);
  if (w.opensAt) parts.push(`open from ${d(w.opensAt)}`);
  if (w.closesAt) parts.push(`closes ${d(w.closesAt)}`);
  return parts.join('; ');
}
