import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exileForm } from '../../src/formats/xlsform/exile-form.test-helper.js';
import { xlsxBytes } from '../../src/formats/xlsform/workbook.test-helper.js';
import { cli } from '../support/cli.js';

describe('longitude questionnaire import', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'longitude-xlsform-'));
    await writeFile(path.join(work, 'wave-1.xlsx'), await xlsxBytes(exileForm));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('writes the questionnaire, prints the notes and a summary, and the file passes questionnaire check', async () => {
    const form = path.join(work, 'wave-1.xlsx');
    const out = path.join(work, 'wave-1.yaml');
    const r = await cli(['questionnaire', 'import', form, '--out', out]);
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      `${form}:settings:2 [version] The setting version (2022030101) has no use in Longitude and is ignored.`,
      `${form}:survey:12 [type] or_other adds the choice 'other' (code 9, 'Другое / Other') to list 'employment'.`,
      `Wrote ${out} (wave wave-1; languages ru, en): 11 items on 4 pages, 5 choice lists. 2 notes, listed above.`,
    ]);
    expect(r.code).toBe(0);
    expect((parse(await readFile(out, 'utf8')) as { wave: string }).wave).toBe('wave-1');
    const check = await cli(['questionnaire', 'check', out]);
    expect(check.out).toBe(`${out}: no problems.\n`);
    expect(check.code).toBe(0);
  });

  it('refuses to replace a file unless told to', async () => {
    const form = path.join(work, 'wave-1.xlsx');
    const out = path.join(work, 'kept.yaml');
    await writeFile(out, 'hand-written\n');
    const r = await cli(['questionnaire', 'import', form, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`longitude: ${out} already exists; pass --force to replace it.\n`);
    expect(await readFile(out, 'utf8')).toBe('hand-written\n');
    const forced = await cli(['questionnaire', 'import', form, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^# Imported from wave-1\.xlsx/);
  });

  it('prints what was not imported as FORM.xlsx:sheet:row [column] sentence, and still writes the rest', async () => {
    const form = path.join(work, 'kids.xlsx');
    await writeFile(
      form,
      await xlsxBytes({
        survey: [
          ['type', 'name', 'label::English (en)', 'media::image::English (en)'],
          ['integer', 'age', 'Age'],
          ['begin_repeat', 'kids', 'Children'],
          ['text', 'kid', 'Name'],
          ['end_repeat'],
          ['geopoint', 'gps', 'Where?'],
          ['note', 'bye', 'Thanks', 'bye.png'],
        ],
      }),
    );
    const out = path.join(work, 'kids.yaml');
    const r = await cli(['questionnaire', 'import', form, '--out', out]);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      `${form}:survey:3 [type] Repeat 'kids' is not imported: Longitude asks each question once per respondent, so the row inside it (row 4) is left out.`,
      `${form}:survey:6 [type] This geopoint question is not imported: Longitude collects no locations: a precise location could identify a respondent.`,
      `${form}:survey:7 [media::image::English (en)] The media::image::English (en) (bye.png) is not imported: Longitude shows no images, audio or video.`,
      `Wrote ${out} (wave kids; languages en): 2 items on 2 pages, 0 choice lists. 3 things not imported, listed above.`,
    ]);
    expect(r.code).toBe(0);
  });

  it('writes nothing and exits 1 when the questionnaire would not pass its check', async () => {
    const form = path.join(work, 'broken.xlsx');
    await writeFile(
      form,
      await xlsxBytes({
        survey: [
          ['type', 'name', 'label::Russian (ru)', 'label::English (en)', 'relevant'],
          ['select_one yn', 'left', 'Уехали?', 'Did you leave?'],
          ['integer', 'age', '', 'Age', "${left} = 'maybe'"],
          ['select_one yesno', 'back', 'Вернётесь?', 'Will you go back?'],
        ],
        choices: [
          ['list_name', 'name', 'label::Russian (ru)', 'label::English (en)'],
          ['yn', 'yes', 'Да', 'Yes'],
          ['yn', 'no', 'Нет', 'No'],
        ],
      }),
    );
    const out = path.join(work, 'broken.yaml');
    const r = await cli(['questionnaire', 'import', form, '--out', out, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { ok: boolean; written: string | null; problems: unknown[] };
    expect(json.ok).toBe(false);
    expect(json.written).toBeNull();
    expect(json.problems).toEqual([
      expect.objectContaining({
        sheet: 'survey',
        row: 3,
        column: 'label::Russian (ru)',
        kind: 'error',
        code: 'translation',
        message: "Missing the 'ru' text of its label.",
      }),
      expect.objectContaining({
        sheet: 'survey',
        row: 3,
        column: 'relevant',
        kind: 'error',
        code: 'unknown-choice',
      }),
      expect.objectContaining({
        sheet: 'survey',
        row: 4,
        column: 'type',
        kind: 'error',
        code: 'unknown-list',
        message: "Choice list 'yesno' does not exist. Lists: yn.",
      }),
    ]);
    await expect(stat(out)).rejects.toThrow();
    const text = await cli(['questionnaire', 'import', form, '--out', out]);
    expect(text.out.split('\n').filter(Boolean).slice(-1)).toEqual([
      `${out} not written: the questionnaire does not pass its check. 3 errors, listed above.`,
    ]);
  });

  it('takes the languages and the wave id from a study file beside the output', async () => {
    const dir = path.join(work, 'study');
    await mkdir(dir);
    await writeFile(
      path.join(dir, 'study.yaml'),
      [
        'id: exile-panel',
        'title: { en: Exile }',
        'languages: [en]',
        'default_language: en',
        'consent: { version: 1, text: { en: Yes } }',
        'waves:',
        '  - { id: march, file: march.yaml, title: { en: March } }',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'march.yaml');
    const r = await cli(['questionnaire', 'import', path.join(work, 'wave-1.xlsx'), '--out', out]);
    expect(r.out).toContain("Texts in 'ru' are left out: the study's languages are en.");
    expect(r.out).toContain(`Wrote ${out} (wave march; languages en)`);
    expect(r.code).toBe(0);
    const check = await cli(['questionnaire', 'check', dir]);
    expect(check.out).toBe(`${dir}: no problems.\n`);
  });

  it('does what docs/xlsform.md shows in its example', async () => {
    const docs = await readFile(path.resolve(import.meta.dirname, '../../docs/xlsform.md'), 'utf8');
    const shownYaml = /```yaml\n([\s\S]*?)```/.exec(docs)![1]!;
    const shownLines = /## What the output says[\s\S]*?```\n([\s\S]*?)```/.exec(docs)![1]!;
    const dir = path.join(work, 'docs-example');
    await mkdir(dir);
    await writeFile(path.join(dir, 'form.xlsx'), await xlsxBytes(docsExample));
    const form = path.join(dir, 'form.xlsx');
    const out = path.join(dir, 'wave-1.yaml');
    const r = await cli(['questionnaire', 'import', form, '--out', out]);
    expect(r.out.replaceAll(`${dir}${path.sep}`, '')).toBe(shownLines);
    expect(await readFile(path.join(dir, 'wave-1.yaml'), 'utf8')).toBe(shownYaml);
  });

  it('says once that the form lacks a language of the study beside the output', async () => {
    const dir = path.join(work, 'trilingual');
    await mkdir(dir);
    await writeFile(
      path.join(dir, 'study.yaml'),
      [
        'id: exile-panel',
        'title: { en: Exile, ru: Эмиграция, uk: Еміграція }',
        'languages: [ru, en, uk]',
        'default_language: ru',
        'consent: { version: 1, text: { en: Yes, ru: Да, uk: Так } }',
        'waves:',
        '  - { id: wave-1, file: wave-1.yaml, title: { en: One, ru: Первая, uk: Перша } }',
        '',
      ].join('\n'),
    );
    const form = path.join(work, 'wave-1.xlsx');
    const out = path.join(dir, 'wave-1.yaml');
    const r = await cli(['questionnaire', 'import', form, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      `${form}:settings:2 [version] The setting version (2022030101) has no use in Longitude and is ignored.`,
      `${form}:settings:2 [form_title::Russian (ru)] form_title has no text in uk; 'Первая волна, март 2022' is used there too. Translate it in the questionnaire.`,
      `${form}:survey:1 The form has no texts in 'uk', one of the study's languages; add label::uk columns to the survey and choices sheets, and hint::uk and the like where the form has those texts.`,
      `${form}:survey:12 [type] or_other adds the choice 'other' (code 9, 'Другое / Other / Інше') to list 'employment'.`,
      `${out} not written: the questionnaire does not pass its check. 1 error, 3 notes, listed above.`,
    ]);
  });

  it('names a form that does not exist or is not a workbook, and an output that cannot be written', async () => {
    const missing = await cli([
      'questionnaire',
      'import',
      path.join(work, 'none.xlsx'),
      '--out',
      path.join(work, 'x.yaml'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`The form ${path.join(work, 'none.xlsx')} does not exist.`);
    const csv = path.join(work, 'form.csv');
    await writeFile(csv, 'type,name,label\n');
    const wrong = await cli(['questionnaire', 'import', csv, '--out', path.join(work, 'x.yaml')]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`${csv} is not an .xlsx workbook`);
    const nowhere = path.join(work, 'no', 'such', 'folder', 'w.yaml');
    const unwritable = await cli([
      'questionnaire',
      'import',
      path.join(work, 'wave-1.xlsx'),
      '--out',
      nowhere,
    ]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toContain(
      `${nowhere} could not be written (its folder does not exist).`,
    );
  });
});

const docsExample = {
  survey: [
    [
      'type',
      'name',
      'label::English (en)',
      'label::Russian (ru)',
      'required',
      'relevant',
      'constraint',
      'constraint_message::English (en)',
      'constraint_message::Russian (ru)',
      'appearance',
    ],
    [
      'select_one yes_no',
      'left',
      'Did you leave Russia after 24 February 2022?',
      'Вы уехали из России после 24 февраля 2022 года?',
      'yes',
    ],
    [
      'begin group',
      'life',
      'Life now',
      'Жизнь сейчас',
      '',
      "${left} = 'yes'",
      '',
      '',
      '',
      'field-list',
    ],
    [
      'integer',
      'months',
      'How many months have you been abroad?',
      'Сколько месяцев вы за границей?',
      '',
      '',
      '. >= 0 and . <= 24',
      'From 0 to 24',
      'От 0 до 24',
    ],
    [
      'select_one work or_other',
      'work',
      'What is your main occupation?',
      'Чем вы в основном заняты?',
    ],
    ['end group'],
    ['begin repeat', 'moves', 'Each country you lived in', 'Каждая страна, где вы жили'],
    ['text', 'country', 'Country', 'Страна'],
    ['end repeat'],
    ['geopoint', 'where', 'Where are you?', 'Где вы?'],
    [
      'text',
      'comment',
      'Anything to add?',
      'Хотите что-то добавить?',
      '',
      'string-length(${work_other}) > 0 or ${months} > 6',
      '',
      '',
      '',
      'multiline',
    ],
  ],
  choices: [
    ['list_name', 'name', 'label::English (en)', 'label::Russian (ru)'],
    ['yes_no', 'yes', 'Yes', 'Да'],
    ['yes_no', 'no', 'No', 'Нет'],
    ['work', 'employed', 'Employed', 'Работаю по найму'],
    ['work', 'freelance', 'Freelance', 'Фриланс'],
    ['work', 'student', 'Student', 'Учусь'],
  ],
  settings: [
    ['form_title::English (en)', 'form_title::Russian (ru)', 'default_language'],
    ['Life abroad', 'Жизнь за границей', 'English (en)'],
  ],
};
