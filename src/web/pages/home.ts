/** The start page a researcher opens after `npm start`: what is loaded, and where to go. */
import type { StudySummary } from '../../fieldwork/studies.js';
import { html } from '../html.js';

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd}
code{background:#f3f3f3;padding:0 .2rem}`;

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
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>Longitude</title>
        <style>
          ${style}
        </style>
      </head>
      <body>
        <h1>Longitude</h1>
        <p>
          Longitudinal online panel surveys of people on the move. JSON:
          <a href="/api/studies">/api/studies</a>.
        </p>
        ${body}
      </body>
    </html>`.text;
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
