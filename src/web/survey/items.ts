/**
 * Each item type as plain HTML form controls that work without JavaScript: fieldsets and
 * legends for choice groups, a label for every input, errors tied to their inputs with
 * aria-describedby and listed in a summary at the top.
 */
import type { CompiledItem, CompiledRow } from '../../questionnaire/compile.js';
import { countryList, countryName } from '../../questionnaire/countries.js';
import type { Choice, Text } from '../../questionnaire/schema.js';
import type { Variable } from '../../questionnaire/variables.js';
import { html, type SafeHtml } from '../html.js';
import { ui } from './texts.js';

/** Each variable's values as the form holds them. */
export type FieldValues = Record<string, string[]>;

export interface ItemContext {
  language: string;
  values: FieldValues;
  errors: Map<string, string>;
  /** Whether a variable is shown (it applies given the answers known so far). */
  shown: (variable: string) => boolean;
  /**
   * Also render conditional questions that do not apply yet, hidden and disabled (so a form
   * sent without a script carries nothing of them), for the page's script to show at once.
   */
  reveal?: boolean;
  /**
   * A notice that stands just before the conditional question of variable `at` (new
   * follow-up questions); `placed` is set once it is.
   */
  notice?: { at: string; html: SafeHtml; placed?: boolean };
}

/**
 * A conditional question: the page's script shows it (and enables its inputs) when the
 * server says one of `names` applies. Without a script it stays as the server rendered it.
 */
function revealable(names: string[], c: ItemContext, content: SafeHtml | ''): SafeHtml | '' {
  if (!c.reveal) return content;
  const on = names.some((n) => c.shown(n));
  const notice = c.notice && !c.notice.placed && names.includes(c.notice.at) ? c.notice : undefined;
  if (notice) notice.placed = true;
  return html`<fieldset class="if" data-v="${names.join(' ')}" ${on ? '' : html` hidden disabled`}>
    ${notice?.html ?? ''}${content}
  </fieldset>`;
}

const id = (name: string): string => `q-${name}`;
const errId = (name: string): string => `e-${name}`;

export function text(t: Text | undefined, language: string): string {
  if (!t) return '';
  return t[language] ?? Object.values(t)[0] ?? '';
}

function error(name: string, c: ItemContext): SafeHtml | '' {
  const message = c.errors.get(name);
  return message ? html`<p class="err" id="${errId(name)}">${message}</p>` : '';
}

function describedBy(name: string, c: ItemContext, hint: boolean): string | undefined {
  const ids = [hint ? `h-${name}` : '', c.errors.has(name) ? errId(name) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function hintOf(name: string, hint: Text | undefined, c: ItemContext): SafeHtml | '' {
  const h = text(hint, c.language);
  return h ? html`<p class="hint" id="h-${name}">${h}</p>` : '';
}

function optional(required: boolean, c: ItemContext): SafeHtml | '' {
  return required ? '' : html` <span class="opt">(${ui(c.language).optional})</span>`;
}

function choiceInputs(
  name: string,
  choices: Choice[],
  type: 'radio' | 'checkbox',
  c: ItemContext,
  aria: string | undefined,
): SafeHtml[] {
  const chosen = new Set(c.values[name] ?? []);
  return choices.map(
    (choice) =>
      html`<label class="c"
        ><input
          type="${type}"
          name="${name}"
          value="${choice.name}"
          ${chosen.has(choice.name) ? html` checked` : ''}${aria ? html` aria-describedby="${aria}"` : ''}
        />
        <span>${text(choice.label, c.language)}</span></label
      >`,
  );
}

/**
 * The width class of a scale: from which width (of the scale's box, a CSS container query) its
 * points stand in one row; narrower, they are a vertical list with each label beside its point.
 * Scales with a label on their inner points need room for the words; over eleven points, or
 * seven labelled ones, a scale is always a list.
 */
export function scaleWidthClass(points: number, innerLabels: boolean): string {
  if (innerLabels) return points <= 5 ? 'wl' : '';
  return points <= 5 ? 'w5' : points <= 7 ? 'w7' : points <= 11 ? 'w11' : '';
}

function ratingControls(v: Variable, c: ItemContext, aria: string | undefined): SafeHtml {
  const s = v.scale!;
  const chosen = new Set(c.values[v.name] ?? []);
  const endLabel = (n: number): Text | undefined =>
    s.labels?.[String(n)] ?? (n === s.min ? s.minLabel : n === s.max ? s.maxLabel : undefined);
  const innerLabels = Object.keys(s.labels ?? {}).some(
    (k) => k !== String(s.min) && k !== String(s.max),
  );
  const points: SafeHtml[] = [];
  for (let n = s.min; n <= s.max; n++) {
    const label = text(endLabel(n), c.language);
    // An end label is in its point's box for a list and for screen readers; a row shows the
    // ends above the points instead (aria-hidden there), and hides this copy only from sight.
    points.push(
      html`<label class="c"
        ><input
          type="radio"
          name="${v.name}"
          value="${n}"
          ${chosen.has(String(n)) ? html` checked` : ''}${aria ? html` aria-describedby="${aria}"` : ''}
        /><span>${n}${label ? html`<span class="${innerLabels ? 'pl' : 'el'}"> – ${label}</span>` : ''}</span></label
      >`,
    );
  }
  const ends =
    !innerLabels && (s.minLabel || s.maxLabel)
      ? html`<div class="ends" aria-hidden="true">
          <span>${s.minLabel ? `${s.min} – ${text(s.minLabel, c.language)}` : ''}</span
          ><span>${s.maxLabel ? `${s.max} – ${text(s.maxLabel, c.language)}` : ''}</span>
        </div>`
      : '';
  const width = scaleWidthClass(s.max - s.min + 1, innerLabels);
  return html`<div class="sc">
      <div class="${width}">
        ${ends}
        <div class="scale">${points}</div>
      </div>
    </div>
    ${choiceInputs(v.name, v.choices, 'radio', c, aria)}`;
}

function choiceFieldset(
  v: Variable,
  label: string,
  hint: Text | undefined,
  c: ItemContext,
  controls: (aria: string | undefined) => SafeHtml | SafeHtml[],
  extra: SafeHtml | '' = '',
): SafeHtml {
  const aria = describedBy(v.name, c, Boolean(hint));
  return html`<fieldset id="${id(v.name)}" ${c.errors.has(v.name) ? html` class="has-err"` : ''}>
    <legend>${label}${optional(v.required, c)}</legend>
    ${hintOf(v.name, hint, c)}${error(v.name, c)}${controls(aria)}${extra}
  </fieldset>`;
}

function otherText(item: CompiledItem, c: ItemContext): SafeHtml | '' {
  const other = item.other;
  if (!other || (!c.shown(other.name) && !c.reveal)) return '';
  const aria = describedBy(other.name, c, false);
  return revealable(
    [other.name],
    c,
    html`<div${c.errors.has(other.name) ? html` class="has-err"` : ''}><label class="q" for="${id(other.name)}">${ui(c.language).otherSpecify}</label>${error(other.name, c)}<input type="text" id="${id(other.name)}" name="${other.name}" value="${c.values[other.name]?.[0] ?? ''}" maxlength="2000"${aria ? html` aria-describedby="${aria}"` : ''}></div>`,
  );
}

function gridRow(row: CompiledRow, item: CompiledItem, c: ItemContext): SafeHtml {
  const v = row.variable;
  const aria = describedBy(v.name, c, false);
  const controls =
    v.kind === 'rating'
      ? ratingControls(v, c, aria)
      : choiceInputs(v.name, v.choices, 'radio', c, aria);
  return html`<fieldset class="row${c.errors.has(v.name) ? ' has-err' : ''}" id="${id(v.name)}">
    <legend>${text(row.row.label, c.language)}${optional(v.required, c)}</legend>
    ${error(v.name, c)}${controls}
  </fieldset>`;
}

function textInput(v: Variable, label: string, hint: Text | undefined, c: ItemContext): SafeHtml {
  const aria = describedBy(v.name, c, Boolean(hint));
  const value = c.values[v.name]?.[0] ?? '';
  const common = html`id="${id(v.name)}"
  name="${v.name}"${aria ? html` aria-describedby="${aria}"` : ''}${c.errors.has(v.name) ? html` aria-invalid="true"` : ''}${v.required ? html` aria-required="true"` : ''}`;
  let control: SafeHtml;
  switch (v.kind) {
    case 'integer':
      control = html`<input
        type="text"
        inputmode="numeric"
        autocomplete="off"
        ${common}
        value="${value}"
      />`;
      break;
    case 'decimal':
      control = html`<input
        type="text"
        inputmode="decimal"
        autocomplete="off"
        ${common}
        value="${value}"
      />`;
      break;
    case 'date':
      control = html`<input
        type="date"
        ${common}
        value="${value}"
        ${bound(v, 'min')}${bound(v, 'max')}
      />`;
      break;
    case 'month':
      control = html`<input
        type="month"
        ${common}
        value="${value}"
        placeholder="2022-03"
        ${bound(v, 'min')}${bound(v, 'max')}
      />`;
      break;
    case 'country':
      control = countrySelect(v, c, common, value);
      break;
    default: {
      const item = v.item.type === 'text' ? v.item : undefined;
      const max = item?.max_length ?? (item?.long ? 20000 : 2000);
      control = item?.long
        ? html`<textarea ${common} maxlength="${max}">${value}</textarea>`
        : html`<input
            type="text"
            autocomplete="off"
            ${common}
            maxlength="${max}"
            value="${value}"
          />`;
    }
  }
  return html`<div class="field${c.errors.has(v.name) ? ' has-err' : ''}">
    <label class="q" for="${id(v.name)}">${label}${optional(v.required, c)}</label
    >${hintOf(v.name, hint, c)}${error(v.name, c)}${control}
  </div>`;
}

function bound(v: Variable, which: 'min' | 'max'): SafeHtml | '' {
  const item = v.item.type === 'date' || v.item.type === 'month' ? v.item : undefined;
  const value = item?.[which];
  return value ? html` ${which}="${value}"` : '';
}

function countrySelect(v: Variable, c: ItemContext, common: SafeHtml, value: string): SafeHtml {
  const top = v.item.type === 'country' ? (v.item.top ?? []) : [];
  const option = (code: string, name: string) =>
    html`<option value="${code}" ${code === value ? html` selected` : ''}>${name}</option>`;
  const all = countryList(c.language);
  return html`<select ${common}>
    <option value="">${ui(c.language).chooseCountry}</option>
    ${
      top.length
        ? html`<optgroup label="★">
              ${top.map((code) => option(code, countryName(code, c.language) ?? code))}
            </optgroup>
            <optgroup label="A–Z">${all.map(([code, name]) => option(code, name))}</optgroup>`
        : all.map(([code, name]) => option(code, name))
    }
  </select>`;
}

export function renderItem(item: CompiledItem, c: ItemContext): SafeHtml | '' {
  const i = item.item;
  const label = text(i.label, c.language);
  if (i.type === 'note')
    return html`<div class="note">
      <p>${label}</p>
      ${hintOf(i.name, i.hint, c)}
    </div>`;
  if (i.type === 'grid') {
    const rows = item.rows.filter((r) => c.reveal || c.shown(r.variable.name));
    if (rows.length === 0) return '';
    const names = rows.map((r) => r.variable.name);
    const grid = html`<section class="grid" aria-labelledby="g-${i.name}">
      <p class="q" id="g-${i.name}">${label}</p>
      ${hintOf(i.name, i.hint, c)}${rows.map((r) =>
        r.relevant || !c.shown(r.variable.name)
          ? revealable([r.variable.name], c, gridRow(r, item, c))
          : gridRow(r, item, c),
      )}
    </section>`;
    return item.relevant || !names.some((n) => c.shown(n)) ? revealable(names, c, grid) : grid;
  }
  const v = item.variable!;
  if (!c.shown(v.name) && !c.reveal) return '';
  const control = itemControl(item, v, label, c);
  return item.relevant || !c.shown(v.name) ? revealable([v.name], c, control) : control;
}

function itemControl(item: CompiledItem, v: Variable, label: string, c: ItemContext): SafeHtml {
  const i = item.item;
  switch (v.kind) {
    case 'select_one':
      return choiceFieldset(
        v,
        label,
        i.hint,
        c,
        (aria) => choiceInputs(v.name, v.choices, 'radio', c, aria),
        otherText(item, c),
      );
    case 'select_multiple':
      return choiceFieldset(
        v,
        label,
        i.hint,
        c,
        (aria) => choiceInputs(v.name, v.choices, 'checkbox', c, aria),
        otherText(item, c),
      );
    case 'rating':
      return choiceFieldset(v, label, i.hint, c, (aria) => ratingControls(v, c, aria));
    default:
      return textInput(v, label, i.hint, c);
  }
}

/** Stored answers as form values, for showing a page again. */
export function answersToFields(answers: Record<string, unknown>): FieldValues {
  const out: FieldValues = {};
  for (const [name, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}
