/** Whole respondent pages: consent and start, a questionnaire page, notices, the end. */
import type { CompiledPage, Questionnaire } from '../../questionnaire/compile.js';
import type { StudyDefinition, Text } from '../../questionnaire/schema.js';
import { proofOfWorkScript } from '../../security/proof-of-work.js';
import { resumeCodeIn, wordListLanguage } from '../../security/resume-code.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { renderItem, text, type ItemContext } from './items.js';
import { layout, type PagePosition } from './layout.js';
import { followUpScript } from './follow-up-script.js';
import { ui } from './texts.js';

export interface PageFrame {
  study: StudyDefinition;
  language: string;
  path: string;
  csrf: string;
  /** Where "leave and clear this device" posts to; absent: the page has no such form. */
  leave?: string;
}

function frame(
  f: PageFrame,
  title: string,
  body: SafeHtml,
  progress?: number,
  position?: PagePosition,
  switchForm?: string,
): string {
  return layout({
    language: f.language,
    languages: f.study.languages,
    title,
    path: f.path,
    body: html`${body}${leaveForm(f)}`,
    progress,
    position,
    switchForm,
  });
}

/** "Leave and clear this device": at the foot of every respondent page, a plain form. */
export function leaveForm(f: PageFrame): SafeHtml | '' {
  if (!f.leave) return '';
  const t = ui(f.language);
  return html`<form method="post" action="${f.leave}">
    <input type="hidden" name="_csrf" value="${f.csrf}" /><input
      type="hidden"
      name="lang"
      value="${f.language}"
    />
    <p><button type="submit" class="secondary">${t.leaveButton}</button></p>
  </form>`;
}

/** What the survey keeps on the respondent's device, in their language (docs/privacy.md). */
export function deviceList(language: string): SafeHtml {
  const t = ui(language);
  return html`<h2>${t.deviceTitle}</h2>
    <ul class="hint">
      ${t.deviceItems.map((item) => html`<li>${item}</li>`)}
    </ul>`;
}

/**
 * Where a page stands among the pages that apply given the answers so far (`applicable`, page
 * indexes in order; the count may change with later answers), and the title of its section.
 */
export function pagePlace(
  q: Questionnaire,
  applicable: number[],
  index: number,
): { position: PagePosition; section?: Text } {
  const page = applicable.filter((p) => p < index).length + 1;
  const id = q.pages[index]?.page.section;
  return {
    position: { page, of: Math.max(page, applicable.length) },
    section: q.definition.sections?.find((s) => s.id === id)?.title,
  };
}

export function consentPage(
  f: PageFrame,
  o: {
    waveTitle: string;
    startAction: string;
    resumeAction: string;
    channel: string | null;
    resumeError?: string;
    /** A proof-of-work challenge, when the study asks for one. */
    proofOfWork?: string;
  },
): string {
  const t = ui(f.language);
  const consent = text(f.study.consent.text, f.language);
  const pow = o.proofOfWork
    ? html`<input type="hidden" name="_pow_challenge" value="${o.proofOfWork}"><input type="hidden" name="_pow" value=""><script>${trustedHtml(proofOfWorkScript)}</script>`
    : '';
  const channel = o.channel ? html`<input type="hidden" name="channel" value="${o.channel}">` : '';
  const body = html`<h1>${text(f.study.title, f.language)}</h1><p class="hint">${o.waveTitle}</p>
<form method="post" action="${o.startAction}"><input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="lang" value="${f.language}">${channel}${pow}
<div class="consent">${paragraphs(consent)}${deviceList(f.language)}</div>
<label class="c"><input type="checkbox" name="consent" value="yes" required> <span>${t.consentAgree}</span></label>
<div class="buttons"><span></span><button type="submit">${t.start}</button></div></form>
${resumeForm(f, o.resumeAction, o.resumeError)}`;
  return frame(f, text(f.study.title, f.language), body);
}

export function resumeForm(f: PageFrame, action: string, errorText?: string): SafeHtml {
  const t = ui(f.language);
  return html`<section aria-labelledby="resume-title">
    <h2 id="resume-title">${t.resumeTitle}</h2>
    <form method="post" action="${action}">
      <input type="hidden" name="_csrf" value="${f.csrf}" /><input
        type="hidden"
        name="lang"
        value="${f.language}"
      />
      <p class="hint" id="resume-help">${t.resumeHelp}</p>
      ${errorText ? html`<p class="err" id="resume-err" role="alert">${errorText}</p>` : ''}
      <label class="q" for="resume-code">${t.resumeField}</label
      ><input
        type="text"
        id="resume-code"
        name="code"
        autocomplete="off"
        autocapitalize="none"
        spellcheck="false"
        aria-describedby="resume-help${errorText ? ' resume-err' : ''}"
      />
      <div class="buttons">
        <span></span><button type="submit" class="secondary">${t.resumeButton}</button>
      </div>
    </form>
  </section>`;
}

export interface QuestionPage {
  page: CompiledPage;
  items: ItemContext;
  problems: { variable: string; message: string }[];
  progress: number;
  /** Which applicable page this is (see `pagePlace`). */
  position?: PagePosition;
  /** The title of the page's section. */
  section?: Text;
  action: string;
  saveId: string;
  shown: string;
  shownVariables: string[];
  canGoBack: boolean;
  isLast: boolean;
  /** The resume code (canonical), when this browser's session can open it. */
  resumeCode?: string;
  /** Nothing saved yet: the code is shown large at the top, else behind a disclosure. */
  resumeCodeNew?: boolean;
  notice?: string;
  /** The variable whose question the notice stands by; at the top without one. */
  noticeAt?: string;
  /** Where the page's script asks which questions apply (with `items.reveal`). */
  appliesAction?: string;
}

export function questionPage(f: PageFrame, p: QuestionPage): string {
  const t = ui(f.language);
  // The page's title, else its section's; a page with both has the section's over its own.
  const pageTitle = text(p.page.page.title, f.language);
  const sectionTitle = text(p.section, f.language);
  const title = pageTitle || sectionTitle || text(f.study.title, f.language);
  const eyebrow = pageTitle && sectionTitle ? html`<p class="sec">${sectionTitle}</p>` : '';
  const summary = p.problems.length
    ? html`<div class="summary" role="alert" tabindex="-1" id="summary">
        <p><strong>${t.errorsTitle}</strong></p>
        <ul>
          ${p.problems.map((x) => html`<li><a href="#q-${x.variable}">${x.message}</a></li>`)}
        </ul>
      </div>`
    : '';
  const words = p.resumeCode ? codeWords(p.resumeCode, f.language) : '';
  const code =
    words && p.resumeCodeNew
      ? html`<div class="code" role="status">
          <p>${t.yourCode}: ${words}</p>
          <p class="hint">${t.yourCodeHelp}</p>
        </div>`
      : '';
  const codeAgain =
    words && !p.resumeCodeNew
      ? html`<details>
          <summary>${t.yourCode}</summary>
          <p>${words}</p>
          <p class="hint">${t.yourCodeHelp}</p>
        </details>`
      : '';
  const notice = p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : '';
  // A notice about new questions stands just before the first of them, where the page opens;
  // at the top when that question is not a conditional one.
  const items: ItemContext =
    p.notice && p.noticeAt
      ? { ...p.items, notice: { at: p.noticeAt, html: html`${notice}` } }
      : p.items;
  const rendered = p.page.items.map((item) => renderItem(item, items));
  const atTop = !items.notice?.placed;
  // Conditional questions on the page: the script shows them as soon as they apply.
  const conditional =
    p.items.reveal &&
    p.appliesAction &&
    p.page.items.some((i) => i.relevant || i.other || i.rows.some((r) => r.relevant));
  const body = html`${code}${atTop ? notice : ''}
    ${eyebrow}<h1>${title}</h1>
    ${summary}
    <form
      method="post"
      action="${p.action}"
      id="page"
      novalidate
      ${conditional ? html` data-applies="${p.appliesAction}"` : ''}
    >
      <input type="hidden" name="_csrf" value="${f.csrf}" /><input
        type="hidden"
        name="_page"
        value="${p.page.page.id}"
      /><input type="hidden" name="_save" value="${p.saveId}" /><input
        type="hidden"
        name="_shown"
        value="${p.shown}"
      /><input type="hidden" name="_vars" value="${p.shownVariables.join(' ')}" />
      <div class="hp" aria-hidden="true">
        <label for="website">${t.honeypot}</label
        ><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" />
      </div>
      ${rendered}
      <div class="buttons">
        ${p.canGoBack ? html`<button type="submit" name="_action" value="back" class="secondary" formnovalidate>${t.back}</button>` : html`<span></span>`}<button
          type="submit"
          name="_action"
          value="next"
        >
          ${p.isLast ? t.finish : t.next}
        </button>
      </div>
    </form>
    ${codeAgain}${conditional ? html`<script>${trustedHtml(followUpScript)}</script>` : ''}`;
  return frame(f, title, body, p.progress, p.position, 'page');
}

/**
 * A resume or panel code in the words of the page's language, where BIP-39 has a list for it
 * (security/resume-code.ts; there is none for Russian, whose readers get English words).
 */
export function codeWords(code: string, language: string): SafeHtml {
  const list = wordListLanguage(language);
  const words = html`<strong>${resumeCodeIn(code, language)}</strong>`;
  return list === language ? words : html`<span lang="${list}">${words}</span>`;
}

export function messagePage(
  f: PageFrame,
  title: string,
  message: string,
  extra: SafeHtml | '' = '',
): string {
  return frame(
    f,
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>
      ${extra}`,
  );
}

/** The end of a wave; `panel` is what follows the thanks (the panel form), `summary` its errors. */
export function endPage(f: PageFrame, o: { panel?: SafeHtml; summary?: SafeHtml } = {}): string {
  const t = ui(f.language);
  const end = text(f.study.end_text, f.language);
  return frame(
    f,
    t.endTitle,
    html`<h1>${t.endTitle}</h1>
      ${o.summary ?? ''} ${end ? html`<p>${end}</p>` : ''} ${o.panel ?? ''}`,
    1,
  );
}

/** A study text of several paragraphs (separated by blank lines). */
export function paragraphs(value: string): SafeHtml {
  return html`${value.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}`;
}
