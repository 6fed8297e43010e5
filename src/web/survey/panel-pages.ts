/**
 * The panel's pages: the form at the end of a wave (leave a contact, take a panel code, or
 * decline), the page that shows a panel code once, a personal link's start page and the page
 * of a used link, and opting out of invitations.
 */
import { resumeCodeIn, wordListLanguage } from '../../security/resume-code.js';
import { html, type SafeHtml } from '../html.js';
import { text } from './items.js';
import { layout } from './layout.js';
import {
  deviceList,
  endPage,
  leaveForm,
  messagePage,
  paragraphs,
  resumeForm,
  type PageFrame,
} from './pages.js';
import { ui } from './texts.js';

export type PanelField = 'choice' | 'email' | 'handle';

export interface PanelForm {
  action: string;
  /** Random per form shown: a repeat of the same form is recognised. */
  nonce: string;
  /** Whether the study can take contacts (it has a public key). */
  contacts: boolean;
  /** What was sent, shown again with the errors. */
  values?: { choice?: string; email?: string; handle?: string };
  errors?: Partial<Record<PanelField, string>>;
}

const fieldId: Record<PanelField, string> = {
  choice: 'panel-choice',
  email: 'panel-email',
  handle: 'panel-handle',
};

/** The end page with the panel consent and its form; errors next to fields and at the top. */
export function panelEndPage(f: PageFrame, p: PanelForm): string {
  const t = ui(f.language);
  const errors = p.errors ?? {};
  const values = p.values ?? {};
  const problems = (Object.keys(fieldId) as PanelField[]).filter((k) => errors[k]);
  const summary = problems.length
    ? html`<div class="summary" role="alert" tabindex="-1" id="summary">
        <p><strong>${t.errorsTitle}</strong></p>
        <ul>
          ${problems.map((k) => html`<li><a href="#${fieldId[k]}">${errors[k]}</a></li>`)}
        </ul>
      </div>`
    : undefined;
  const error = (k: PanelField) =>
    errors[k] ? html`<p class="err" id="e-${fieldId[k]}">${errors[k]}</p>` : '';
  const option = (value: string, label: string, hint?: string) =>
    html`<label class="c"
      ><input
        type="radio"
        name="choice"
        value="${value}"
        ${values.choice === value ? html` checked` : ''}${
          errors.choice ? html` aria-describedby="e-${fieldId.choice}"` : ''
        }
      />
      <span>${label}${hint ? html`<br /><span class="hint">${hint}</span>` : ''}</span></label
    >`;
  const contactField = (
    k: 'email' | 'handle',
    label: string,
    attributes: SafeHtml,
    hint?: string,
  ) =>
    html`<div class="sub${errors[k] ? ' has-err' : ''}">
      <label class="q" for="${fieldId[k]}">${label}</label>
      ${hint ? html`<p class="hint" id="h-${fieldId[k]}">${hint}</p>` : ''} ${error(k)}
      <input
        ${attributes}
        id="${fieldId[k]}"
        name="${k}"
        value="${values[k] ?? ''}"
        ${
          errors[k]
            ? html` aria-invalid="true" aria-describedby="e-${fieldId[k]}${hint ? ` h-${fieldId[k]}` : ''}"`
            : hint
              ? html` aria-describedby="h-${fieldId[k]}"`
              : ''
        }
      />
    </div>`;
  const contacts = p.contacts
    ? html`${option('email', t.panelEmail)}
      ${contactField(
        'email',
        t.panelEmailField,
        html`type="email" autocomplete="email" inputmode="email" maxlength="254" spellcheck="false"`,
      )}
      ${option('messenger', t.panelMessenger)}
      ${contactField(
        'handle',
        t.panelHandleField,
        html`type="text" autocomplete="off" autocapitalize="none" maxlength="40" spellcheck="false"`,
        t.panelHandleHint,
      )}`
    : '';
  const panel = html`<section aria-labelledby="panel-title">
    <h2 id="panel-title">${t.panelTitle}</h2>
    <div class="consent">${paragraphs(text(f.study.panel?.consent.text, f.language))}</div>
    <form method="post" action="${p.action}" novalidate>
      <input type="hidden" name="_csrf" value="${f.csrf}" /><input
        type="hidden"
        name="lang"
        value="${f.language}"
      /><input type="hidden" name="_enrol" value="${p.nonce}" />
      <fieldset id="${fieldId.choice}" ${errors.choice ? html` class="has-err"` : ''}>
        <legend>${t.panelChoice}</legend>
        ${error('choice')} ${contacts} ${option('code', t.panelCode, t.panelCodeHint)}
        ${option('decline', t.panelDecline)}
      </fieldset>
      <div class="buttons">
        <span></span><button type="submit">${t.panelSend}</button>
      </div>
    </form>
  </section>`;
  return endPage(f, { panel, summary });
}

/** The end page of a response already in the panel: a note instead of the form. */
export function panelMemberEndPage(f: PageFrame): string {
  return endPage(f, { panel: html`<p class="notice">${ui(f.language).panelAlready}</p>` });
}

/**
 * The panel code, shown this once, large. No language switch: following it would leave this
 * page, and the code is not stored anywhere it could be shown from again.
 */
export function panelCodePage(f: PageFrame, code: string): string {
  const t = ui(f.language);
  return layout({
    language: f.language,
    languages: [f.language],
    title: t.panelCodeTitle,
    path: f.path,
    progress: 1,
    body: html`<h1>${t.panelCodeTitle}</h1>
      <div class="code panel-code">
        <p><strong lang="${wordListLanguage(f.language)}">${resumeCodeIn(code, f.language)}</strong></p>
      </div>
      <p><strong>${t.panelCodeWrite}</strong></p>
      <p>${t.panelCodeUse}</p>
      ${leaveForm(f)}`,
  });
}

export function panelDonePage(f: PageFrame, outcome: 'contact' | 'decline' | 'already'): string {
  const t = ui(f.language);
  const message =
    outcome === 'contact'
      ? t.panelContactText
      : outcome === 'decline'
        ? t.panelDeclineText
        : t.panelAlready;
  return messagePage(f, t.endTitle, message);
}

/**
 * A personal link's start page: opening the link changes nothing (mail scanners open links);
 * pressing Start uses it.
 */
export function invitationStartPage(
  f: PageFrame,
  o: { waveTitle: string; action: string; nonce: string },
): string {
  const t = ui(f.language);
  const title = text(f.study.title, f.language);
  return layout({
    language: f.language,
    languages: f.study.languages,
    title,
    path: f.path,
    body: html`<h1>${title}</h1>
      <p class="hint">${o.waveTitle}</p>
      <div class="consent">
        ${paragraphs(text(f.study.consent.text, f.language))}${deviceList(f.language)}
      </div>
      <form method="post" action="${o.action}">
        <input type="hidden" name="_csrf" value="${f.csrf}" /><input
          type="hidden"
          name="lang"
          value="${f.language}"
        /><input type="hidden" name="_use" value="${o.nonce}" />
        <div class="buttons">
          <span></span><button type="submit">${t.inviteStart}</button>
        </div>
      </form>
      ${leaveForm(f)}`,
  });
}

/** A used personal link, opened where its response is not: how to go on instead. */
export function linkUsedPage(f: PageFrame, waveBase: string): string {
  const t = ui(f.language);
  return messagePage(
    f,
    t.linkUsedTitle,
    t.linkUsedText,
    html`<p><a href="${waveBase}">${t.linkContinue}</a></p>
      ${resumeForm(f, `${waveBase}/resume`)}`,
  );
}

/** Asks before opting out: a mail scanner that opens the link must opt nobody out. */
export function optOutPage(f: PageFrame, action: string): string {
  const t = ui(f.language);
  return messagePage(
    f,
    t.optOutTitle,
    t.optOutText,
    html`<form method="post" action="${action}">
      <input type="hidden" name="_csrf" value="${f.csrf}" /><input
        type="hidden"
        name="lang"
        value="${f.language}"
      />
      <div class="buttons">
        <span></span><button type="submit">${t.optOutButton}</button>
      </div>
    </form>`,
  );
}

export function optOutDonePage(f: PageFrame): string {
  const t = ui(f.language);
  return messagePage(f, t.optOutDoneTitle, t.optOutDoneText);
}
