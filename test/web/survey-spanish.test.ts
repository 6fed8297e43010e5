// A study in Spanish speaks Spanish only: the survey's own words and the built-in answer checks
// have every English key translated, and a consent page and a refused question page show no
// English words of the survey.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { catalogues } from '../../src/questionnaire/messages.js';
import { buildApp } from '../../src/web/app.js';
import { ui } from '../../src/web/survey/texts.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';

// The phone study (Spanish by default), its first question made required.
const fixture = mkdtempSync(path.join(tmpdir(), 'longitude-es-'));
cpSync(path.resolve(import.meta.dirname, '../fixtures/phone-study'), fixture, { recursive: true });
const wave = path.join(fixture, 'wave-1.yaml');
const questions = readFileSync(wave, 'utf8');
const required = questions.replace(
  '      - name: stay_likelihood\n',
  '      - name: stay_likelihood\n        required: true\n',
);
if (required === questions) throw new Error('the phone study has no stay_likelihood question');
writeFileSync(wave, required);
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
}

/** Every text of a catalogue by key; a list of texts counts each item. */
function flat(catalogue: Record<string, string | readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.set(key, value);
    else value.forEach((item, i) => out.set(`${key}[${i}]`, item));
  }
  return out;
}

function expectComplete(english: Map<string, string>, spanish: Map<string, string>) {
  expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  for (const [key, text] of english) {
    const translated = spanish.get(key) ?? '';
    expect(translated.trim(), key).not.toBe('');
    expect(placeholders(translated), key).toEqual(placeholders(text));
  }
}

describe('Spanish catalogues', () => {
  it('translate every survey word of English, keeping its placeholders', () => {
    expectComplete(flat(ui('en')), flat(ui('es')));
    expect(ui('es').leaveButton).not.toBe(ui('en').leaveButton);
  });

  it('translate every built-in answer check of English, keeping its placeholders', () => {
    expectComplete(flat(catalogues.en!), flat(catalogues.es!));
  });
});

/** English words of the survey that differ from their Spanish translation. */
const english = [
  ...[...flat(ui('en'))].filter(([k, t]) => flat(ui('es')).get(k) !== t),
  ...[...flat(catalogues.en!)].filter(([k, t]) => catalogues.es![k as 'required'] !== t),
]
  .map(([, text]) => text)
  .filter((text) => !/[{'"“’]/.test(text));

function expectNoEnglish(body: string) {
  for (const words of [
    'Leave and clear this device',
    'Please answer this question',
    'What this survey keeps',
  ])
    expect(body).not.toContain(words);
  for (const text of english) expect(body, text).not.toContain(text);
}

forEachDatabase('a survey in Spanish', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeEach(async () => {
    await loadStudyFolder(get().db, fixture);
    app = await buildApp({ store: get(), logLevel: 'silent' });
    return () => app.close();
  });

  it('shows the consent page and a refused question page in Spanish only', async () => {
    const r = new Respondent(app);
    await r.get('/s/phone-study/wave-1');
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('<html lang="es"');
    expect(r.last.body).toContain(ui('es').deviceTitle);
    expect(r.last.body).toContain(ui('es').leaveButton);
    expectNoEnglish(r.last.body);

    const start = r.forms()[0]!;
    await r.post(start.action, [...start.fields, ['consent', 'yes']]);
    expect(r.pageId()).toBe('stay');
    await r.answer({});
    expect(r.pageId()).toBe('stay');
    expect(r.last.body).toContain(ui('es').errorsTitle);
    expect(r.last.body).toContain(catalogues.es!.required);
    expect(r.last.body).toContain(ui('es').leaveButton);
    expectNoEnglish(r.last.body);
  });
});
