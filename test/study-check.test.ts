// Checks that need the whole study: the study file, and links between waves (same_as).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStudyFile } from '../src/fieldwork/study-folder.js';
import { formatCheckProblem, sortProblems } from '../src/questionnaire/check-problem.js';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const study = (extra = '', waves?: string) => `id: demo
title: { en: 'Demo', ru: 'Демо' }
languages: [en, ru]
default_language: en
consent: { version: 1, text: { en: 'Consent', ru: 'Согласие' } }
${extra}waves:
${
  waves ??
  `  - { id: wave-1, file: wave-1.yaml, title: { en: 'W1', ru: 'В1' } }
  - { id: wave-2, file: wave-2.yaml, title: { en: 'W2', ru: 'В2' } }`
}
`;

const wave1 = `wave: wave-1
choices:
  yn:
    - { name: 'yes', code: 1, label: { en: 'Yes', ru: 'Да' } }
    - { name: 'no', code: 2, label: { en: 'No', ru: 'Нет' } }
pages:
  - id: p1
    items:
      - { name: trust, type: select_one, list: yn, label: { en: 'Trust?', ru: 'Доверие?' } }
      - { name: outlook, type: rating, min: 1, max: 5, label: { en: 'Outlook', ru: 'Прогноз' } }
      - { name: age, type: integer, label: { en: 'Age', ru: 'Возраст' } }
`;

async function problems(files: Record<string, string>): Promise<string[]> {
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-study-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const result = await checkStudyFile(path.join(dir, 'study.yaml'));
  return sortProblems(result.problems).map((p) =>
    formatCheckProblem({ ...p, file: path.relative(dir, p.file) }),
  );
}

const wave2 = (items: string) => `wave: wave-2
choices:
  yn:
    - { name: 'yes', code: 1, label: { en: 'Yes', ru: 'Да' } }
    - { name: 'no', code: 2, label: { en: 'No', ru: 'Нет' } }
  yn_swapped:
    - { name: 'yes', code: 2, label: { en: 'Yes', ru: 'Да' } }
    - { name: 'no', code: 1, label: { en: 'No', ru: 'Нет' } }
pages:
  - id: p1
    items:
${items}`;

describe('study check', () => {
  it('accepts a study whose waves link correctly', async () => {
    const items = `      - { name: trust, type: select_one, list: yn, label: { en: 'T', ru: 'Д' }, same_as: { wave: wave-1, item: trust } }\n`;
    expect(
      await problems({ 'study.yaml': study(), 'wave-1.yaml': wave1, 'wave-2.yaml': wave2(items) }),
    ).toEqual([]);
  });

  it('reports same_as links that point nowhere or join incomparable items', async () => {
    const items = [
      `      - { name: a, type: select_one, list: yn, label: { en: 'T', ru: 'Д' }, same_as: { wave: wave-9, item: trust } }`,
      `      - { name: b, type: select_one, list: yn, label: { en: 'T', ru: 'Д' }, same_as: { wave: wave-1, item: trusts } }`,
      `      - { name: c, type: integer, label: { en: 'T', ru: 'Д' }, same_as: { wave: wave-1, item: trust } }`,
      `      - { name: d, type: select_one, list: yn_swapped, label: { en: 'T', ru: 'Д' }, same_as: { wave: wave-1, item: trust } }`,
      `      - { name: e, type: rating, min: 1, max: 4, label: { en: 'T', ru: 'Д' }, same_as: { wave: wave-1, item: outlook } }`,
    ].join('\n');
    expect(
      await problems({
        'study.yaml': study(),
        'wave-1.yaml': wave1,
        'wave-2.yaml': wave2(items + '\n'),
      }),
    ).toEqual([
      "wave-2.yaml:12:86 [a] same_as points at wave 'wave-9', which is not an earlier wave of this study.",
      "wave-2.yaml:13:86 [b] same_as points at 'trusts', which wave 'wave-1' does not have.",
      "wave-2.yaml:14:73 [c] same_as links a integer item to 'trust', a select_one item in wave 'wave-1'; they cannot be compared.",
      "wave-2.yaml:15:94 [d] Choice 'no' has code 1 here but 2 in 'trust' of wave 'wave-1'; codes must stay stable across waves.",
      "wave-2.yaml:15:94 [d] Choice 'yes' has code 2 here but 1 in 'trust' of wave 'wave-1'; codes must stay stable across waves.",
      "wave-2.yaml:16:88 [e] The scale 1–4 differs from 1–5 of 'outlook' in wave 'wave-1'.",
    ]);
  });

  it('reports a questionnaire that names another wave, and a missing wave file', async () => {
    const wrong = wave1.replace('wave: wave-1', 'wave: wave-2');
    expect(await problems({ 'study.yaml': study(), 'wave-1.yaml': wrong })).toEqual(
      [
        'study.yaml:8:25 File ' + '<dir>/wave-2.yaml does not exist.',
        "wave-1.yaml:1:7 This questionnaire says it is wave 'wave-2', but the study file lists it as wave 'wave-1'.",
      ].map((l) => l.replace('<dir>', dir)),
    );
  });

  it('reports languages, ids, channels and phases', async () => {
    const extra = `channels:
  - { code: tg, name: Telegram }
  - { code: tg, name: Telegram again }
  - { code: 'Bad Code', name: X }
`;
    const text = study(
      extra,
      `  - { id: wave-1, file: wave-1.yaml, title: { en: 'W1', ru: 'В1' }, panel_opens: '2022-09-10T00:00:00+03:00', opens: '2022-09-05T00:00:00+03:00' }
  - { id: Wave_2, file: wave-1.yaml, title: { en: 'W2', ru: 'В2' }, opens: '2022-09-05T00:00:00+03:00', closes: '2022-09-01T00:00:00+03:00' }`,
    )
      .replace('languages: [en, ru]', 'languages: [en, ru, EN-gb, xx-!]')
      .replace('default_language: en', 'default_language: de');
    const found = await problems({ 'study.yaml': text, 'wave-1.yaml': wave1 });
    expect(found).toEqual([
      "study.yaml:3:21 Write the language tag 'EN-gb' as 'en-GB'.",
      "study.yaml:3:28 'xx-!' is not a BCP-47 language tag such as 'ru' or 'en-GB'.",
      "study.yaml:4:19 The default language 'de' is not one of the study's languages (en, ru, EN-gb, xx-!).",
      "study.yaml:8:13 Duplicate channel code 'tg'.",
      "study.yaml:9:13 Channel code 'Bad Code' must be lowercase letters, digits and '-'; it appears in links.",
      "study.yaml:11:82 Wave 'wave-1': the panel-only phase must start before the open phase ('panel_opens' ≤ 'opens').",
      "study.yaml:12:11 Wave id 'Wave_2' must be lowercase letters, digits and '-'.",
      "study.yaml:12:25 Duplicate wave file 'wave-1.yaml'.",
      "study.yaml:12:113 Wave 'Wave_2' closes before it opens.",
    ]);
  });

  it('reports texts missing in a study language', async () => {
    const text = study().replace("title: { en: 'Demo', ru: 'Демо' }", "title: { en: 'Demo' }");
    const found = await problems({
      'study.yaml': text,
      'wave-1.yaml': wave1,
      'wave-2.yaml': wave2('      - { name: x, type: text, label: { en: X } }\n'),
    });
    expect(found).toEqual([
      "study.yaml:2:8 Missing the 'ru' text of its title.",
      "wave-2.yaml:12:39 [x] Missing the 'ru' text of its label.",
    ]);
  });
});

describe('JSON files', () => {
  it('are read like YAML, with lines and columns', async () => {
    const json = JSON.stringify(
      {
        id: 'demo',
        title: { en: 'Demo', ru: 'Демо' },
        languages: ['en', 'ru'],
        default_language: 'en',
        consent: { version: 1, text: { en: 'C', ru: 'С' } },
        waves: [{ id: 'wave-1', file: 'wave-1.json', title: { en: 'W', ru: 'В' } }],
      },
      null,
      2,
    );
    const wave = `{
  "wave": "wave-1",
  "pages": [
    { "id": "p1", "items": [
      { "name": "age", "type": "integer", "label": { "en": "Age", "ru": "Возраст" }, "min": 10, "max": 5 }
    ] }
  ]
}
`;
    const found = await problems({ 'study.yaml': json, 'wave-1.json': wave });
    expect(found).toEqual(['wave-1.json:5:93 [age] min (10) is greater than max (5).']);
  });

  it('checks the panel mail templates: known placeholders, a link and an opt-out in every body', async () => {
    const panel = `panel:
  consent: { version: 2, text: { en: 'Again?', ru: 'Ещё раз?' } }
  mail:
    from: 'Demo <demo@longitude.invalid>'
    invitation:
      subject: { en: 'Invitation to {wave}', ru: 'Приглашение: {wave}' }
      body: { en: 'Go: {link} Stop: {opt_out}', ru: 'Ссылка: {link} Hi {name}' }
    reminder:
      subject: { en: 'Reminder', ru: 'Напоминание' }
      body: { en: '{link} {opt_out}' }
`;
    expect(
      await problems({
        'study.yaml': study(panel),
        'wave-1.yaml': wave1,
        'wave-2.yaml': wave1.replace('wave-1', 'wave-2'),
      }),
    ).toEqual([
      'study.yaml:12:53 The ru invitation mail must contain {opt_out}: every mail carries a working opt-out link.',
      'study.yaml:12:53 Unknown placeholder {name}; a mail may use {link}, {opt_out}, {wave}, {study}.',
      "study.yaml:15:13 Missing the 'ru' text of reminder's body.",
    ]);
  });
});
