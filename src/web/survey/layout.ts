/**
 * The shell of every respondent page: tiny, no web fonts, no framework, inline CSS allowed by
 * its hash in the Content-Security-Policy. Logical CSS properties keep right-to-left languages
 * right.
 */
import { createHash } from 'node:crypto';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { languageName, ui } from './texts.js';

// A scale's points in one row (each box a column: the radio over its number); `ends` shows the
// end labels above the row and hides their copies in the boxes from sight only.
const row = '--d:row;--f:1 1 0;--b:column;--a:center;--t:center;--pad:.45rem .15rem;--g:.25rem;';
const ends = '--e:flex;--p:absolute;--w:1px;--c:inset(50%)';

export const css = `*{box-sizing:border-box}body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center;gap:1rem;font-size:.9rem}
nav{margin-inline-start:auto}nav a{margin-inline-start:.6rem}a{color:#0645ad}h1{font-size:1.35rem;margin:.6rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
fieldset{border:0;margin:0 0 1.4rem;padding:0}legend,.q{font-weight:600;margin-bottom:.4rem;padding:0}
.hint{color:#444;font-size:.92rem;margin:.1rem 0 .5rem}.opt{font-weight:400;color:#444}
label.c{display:flex;gap:.6rem;align-items:flex-start;padding:.55rem .6rem;margin:.25rem 0;border:1px solid #999;border-radius:6px}
label.c input{margin-top:.25rem;width:1.15rem;height:1.15rem;flex:none}
.row{border-inline-start:3px solid #ccc;padding-inline-start:.7rem;margin-bottom:1rem}
.sc{container-type:inline-size;margin:.25rem 0}.scale{display:flex;flex-direction:var(--d,column);gap:.3rem}
.scale label.c{margin:0;flex:var(--f,none);min-width:0;position:relative;flex-direction:var(--b,row);align-items:var(--a,flex-start);text-align:var(--t,start);padding:var(--pad,.55rem .6rem);gap:var(--g,.6rem)}
.ends{display:var(--e,none);justify-content:space-between;gap:1rem;font-size:.85rem;color:#444;margin-bottom:.2rem}.ends span:last-child{text-align:end}
.el{position:var(--p,static);width:var(--w,auto);height:var(--w,auto);overflow:hidden;clip-path:var(--c,none)}
@container (min-width:14rem){.w5{${row}${ends}}}@container (min-width:20rem){.w7{${row}${ends}}}
@container (min-width:32rem){.w11{${row}${ends}}}@container (min-width:34rem){.wl{${row}}}
input[type=text],input[type=email],input[type=date],input[type=month],select,textarea{font:inherit;width:100%;padding:.5rem;border:1px solid #666;border-radius:6px}
textarea{min-height:7rem}.err{color:#b00020;font-weight:600;margin:.3rem 0}
.has-err{border-inline-start:4px solid #b00020;padding-inline-start:.6rem}
.summary,.notice,.code{border:2px solid #b00020;border-radius:6px;padding:.6rem .8rem;margin-bottom:1rem}
.notice{border-color:#0645ad}.code{border-color:#1b5e20}.code strong{font-size:1.15rem;letter-spacing:.02em}
.buttons{display:flex;justify-content:space-between;gap:1rem;margin-top:1.5rem}
button{font:inherit;padding:.65rem 1.3rem;border-radius:6px;border:1px solid #0645ad;background:#0645ad;color:#fff}
button.secondary{background:#fff;color:#0645ad}progress{display:block;width:100%;height:.6rem;margin-top:.2rem}.prog{flex:1;max-width:16rem}.sec{margin:.8rem 0 0;color:#444;font-size:.92rem;font-weight:600}
.sub{margin:.3rem 0 .9rem;margin-inline-start:2.4rem}.panel-code strong{display:block;font-size:1.8rem;line-height:1.3;word-spacing:.25em}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
:focus-visible{outline:3px solid #f9a825;outline-offset:2px}
fieldset.if{margin:0;min-width:0}.if>.notice{margin-top:0}:target{scroll-margin-top:5rem}
nav button{font:inherit;background:none;border:0;padding:0;color:#0645ad;text-decoration:underline;margin-inline-start:.6rem}`;

export const cssHash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

const rtl = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug']);

export interface PagePosition {
  page: number;
  of: number;
}

export interface LayoutOptions {
  language: string;
  languages: string[];
  title: string;
  /** The address of this page, to which `?lang=xx` is added for the language switch. */
  path: string;
  /** The share done, shown as a bar (the end page); `position` says more where it is known. */
  progress?: number;
  /** Which of the applicable pages this is: said in words, with a bar. */
  position?: PagePosition;
  body: SafeHtml;
  /**
   * The id of the page's form: the language switch then sends it (`_lang`), so that what was
   * typed is kept, instead of linking to the page again.
   */
  switchForm?: string;
}

export function layout(o: LayoutOptions): string {
  const t = ui(o.language);
  const dir = rtl.has(o.language.split('-')[0]!) ? 'rtl' : 'ltr';
  const others = o.languages.filter((l) => l !== o.language);
  const switcher = o.switchForm
    ? others.map(
        (l) =>
          html`<button form="${o.switchForm}" name="_lang" value="${l}" lang="${l}" formnovalidate>
            ${languageName(l)}
          </button>`,
      )
    : others.map(
        (l) =>
          html`<a href="${o.path}?lang=${l}" hreflang="${l}" lang="${l}">${languageName(l)}</a>`,
      );
  // Enter in a field sends the form with the first of its buttons in the page: this one, which
  // goes on like Next (a save without `_action` goes forward), rather than a language.
  const enter = o.switchForm
    ? html`<button form="${o.switchForm}" class="hp" tabindex="-1" aria-hidden="true">
        ${t.next}
      </button>`
    : '';
  const progress = o.position
    ? html`<div class="prog">
        <span id="prog"
          >${(o.position.page >= o.position.of ? t.pageOfLast : t.pageOfAbout)
            .replace('{page}', String(o.position.page))
            .replace('{of}', String(o.position.of))}</span
        ><progress max="${o.position.of}" value="${o.position.page}" aria-labelledby="prog"></progress>
      </div>`
    : o.progress === undefined
      ? ''
      : html`<div class="prog">
          <span id="prog">${t.progress}</span
          ><progress max="100" value="${Math.round(o.progress * 100)}" aria-labelledby="prog">
            ${Math.round(o.progress * 100)}%
          </progress>
        </div>`;
  // The style element stays on one line: its text must be exactly the text the
  // Content-Security-Policy's hash is of, with no layout spaces around it.
  return html`<!doctype html>
    <html lang="${o.language}" dir="${dir}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <title>${o.title}</title>
        <style>${trustedHtml(css)}</style>
      </head>
      <body>
        <main>
          ${enter}
          <header>
            ${progress}
            <nav aria-label="${t.language}">${switcher}</nav>
          </header>
          ${o.body}
        </main>
      </body>
    </html>`.text;
}
