// DDI documents parsed back (well-formed, by fast-xml-parser) and compared with the codebook
// they were written from: the citation, the file description, each variable's labels,
// questions, categories, counts and missing flags, and the multiple-response group. Validation
// against the DDI Alliance's schema is in schema.test.ts.
import { describe, expect, it } from 'vitest';
import { numberColumn, textColumn, type Column } from '../../analysis/dataset.js';
import type { Codebook } from '../codebook/codebook.js';
import { study, surveyCodebook } from '../codebook/survey.test-helper.js';
import { byLanguage, parseDdi, type Node } from './ddi.test-helper.js';
import { DdiError } from './errors.js';
import { writeDdi, type DdiOptions } from './write-ddi.js';

const xmlOf = (codebook: Codebook, options?: DdiOptions) =>
  [...writeDdi(codebook, options)].join('');

function variable(doc: Node, name: string): Node {
  const v = doc.dataDscr.var.find((x: Node) => x['@name'] === name);
  if (!v) throw new Error(`no <var name="${name}">`);
  return v;
}

const categories = (v: Node) =>
  (v.catgry ?? []).map((c: Node) => ({
    code: c.catValu['#text'],
    labels: byLanguage(c.labl),
    count: c.catStat?.['#text'],
    ...(c['@missing'] ? { missing: c['@missing'] } : {}),
  }));

const stats = (v: Node) =>
  Object.fromEntries((v.sumStat ?? []).map((s: Node) => [s['@type'], s['#text']]));

describe('writeDdi', () => {
  const xml = xmlOf(surveyCodebook());
  const doc = parseDdi(xml);

  it('writes a DDI Codebook 2.5 document in its namespace, in the first language', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<codeBook ')).toBe(true);
    expect(doc['@xmlns']).toBe('ddi:codebook:2_5');
    expect(doc['@version']).toBe('2.5');
    expect(doc['@xml:lang']).toBe('ru');
    expect(Object.keys(doc).filter((k) => !k.startsWith('@'))).toEqual([
      'stdyDscr',
      'fileDscr',
      'dataDscr',
    ]);
  });

  it('cites the study: title in each language, id, authors, producer, date, version', () => {
    const c = doc.stdyDscr.citation;
    expect(c.titlStmt.titl).toEqual({ '#text': 'Шесть месяцев в эмиграции', '@xml:lang': 'ru' });
    expect(byLanguage(c.titlStmt.parTitl)).toEqual({ en: 'Six months in exile & "after"' });
    expect(c.titlStmt.IDNo['#text']).toBe('exile-panel');
    expect(c.rspStmt.AuthEnty).toEqual([
      { '#text': 'Анна Петрова', '@affiliation': 'OutRush' },
      { '#text': 'Ivan <Ivanov>' },
    ]);
    expect(c.prodStmt.producer['#text']).toBe('OutRush');
    expect(c.prodStmt.prodDate).toEqual({ '#text': '2022-10-01', '@date': '2022-10-01' });
    expect(c.verStmt.version).toEqual({ '#text': '1.0', '@date': '2022-10-01' });
  });

  it('describes the file: name, cases, variables, and changes to variables not in it', () => {
    const f = doc.fileDscr;
    expect(f['@ID']).toBe('F1');
    expect(f.fileTxt.fileName['#text']).toBe('wave-1.parquet');
    // id, gender, age, three options, reasons_other, two trust rows, comment.
    expect(f.fileTxt.dimensns.caseQnty['#text']).toBe('8');
    expect(f.fileTxt.dimensns.varQnty['#text']).toBe('10');
    expect(f.notes).toEqual([
      {
        '#text': 'contact: dropped: a contact identifies the respondent',
        '@type': 'public-use change',
        '@subject': 'contact',
      },
    ]);
  });

  it('writes a var per variable of the file, options of a multiple choice as 0/1 variables', () => {
    const vars = doc.dataDscr.var as Node[];
    expect(vars.map((v) => [v['@ID'], v['@name'], v['@files']])).toEqual([
      ['V1', 'id', 'F1'],
      ['V2', 'gender', 'F1'],
      ['V3', 'age', 'F1'],
      ['V4', 'reasons_money', 'F1'],
      ['V5', 'reasons_safety', 'F1'],
      // The option `other` yields to the text `reasons_other` its item's `other: true` adds.
      ['V6', 'reasons_other_2', 'F1'],
      ['V7', 'reasons_other', 'F1'],
      ['V8', 'trust_people', 'F1'],
      ['V9', 'trust_media', 'F1'],
      ['V10', 'comment', 'F1'],
    ]);
  });

  it('gives a choice its labels and question in each language, its categories with counts', () => {
    const gender = variable(doc, 'gender');
    expect(gender['@nature']).toBe('nominal');
    expect(gender['@intrvl']).toBe('discrete');
    expect(gender['@representationType']).toBe('code');
    expect(byLanguage(gender.labl)).toEqual({
      ru: 'Ваш пол',
      en: 'Your gender <as "you" see it> & more',
    });
    expect(gender.qstn['@responseDomainType']).toBe('category');
    expect(byLanguage(gender.qstn.qstnLit)).toEqual({
      ru: 'Ваш пол',
      en: 'Your gender <as "you" see it> & more',
    });
    expect(byLanguage(gender.qstn.ivuInstr)).toEqual({ ru: 'Один ответ', en: 'One answer' });
    // male, female, female, dk, (no answer), other, male, female
    expect(categories(gender)).toEqual([
      { code: '1', labels: { ru: 'Мужской', en: 'Male' }, count: '2' },
      { code: '2', labels: { ru: 'Женский', en: 'Female' }, count: '3' },
      { code: '3', labels: { ru: 'Другой', en: 'Other' }, count: '1' },
      {
        code: '99',
        labels: { ru: 'Не скажу', en: 'Rather not <say> & "skip"' },
        count: '1',
        missing: 'Y',
      },
    ]);
    expect(stats(gender)).toEqual({ vald: '6', invd: '2' });
    expect(gender.varFormat['@type']).toBe('numeric');
    expect(gender.notes).toEqual([
      { '#text': 'select_one', '@subject': 'questionnaire item type' },
    ]);
  });

  it('gives a number its summary statistics and no categories', () => {
    const age = variable(doc, 'age');
    expect(age['@nature']).toBe('interval');
    expect(age['@intrvl']).toBe('contin');
    expect(age['@representationType']).toBe('numeric');
    expect(age.catgry).toBeUndefined();
    // R 4: x <- c(34, 29, 41, 25, 52, 38, 30.5); mean(x) = 35.642857142857146, sd(x) = 9.0217989970325281
    const s = stats(age);
    expect(s).toMatchObject({ vald: '7', invd: '1', min: '25', max: '52' });
    expect(Number(s.mean)).toBeCloseTo(35.642857142857, 10);
    expect(Number(s.stdev)).toBeCloseTo(9.021798997033, 10);
  });

  it('writes a rating grid row: the grid as preQTxt, every scale point, the missing option', () => {
    const trust = variable(doc, 'trust_media');
    expect(trust['@nature']).toBe('ordinal');
    expect(byLanguage(trust.qstn.preQTxt)).toEqual({
      ru: 'Насколько вы доверяете…',
      en: 'How much do you trust…',
    });
    expect(byLanguage(trust.qstn.qstnLit)).toEqual({ ru: 'СМИ', en: 'the media' });
    // 1, 2, 1, dk, dk, (no answer), 2, 5
    expect(categories(trust)).toEqual([
      { code: '1', labels: { ru: 'Совсем не доверяю', en: 'Not at all' }, count: '2' },
      { code: '2', labels: {}, count: '2' },
      { code: '3', labels: {}, count: '0' },
      { code: '4', labels: {}, count: '0' },
      { code: '5', labels: { ru: 'Полностью доверяю', en: 'Completely' }, count: '1' },
      { code: '9', labels: { ru: 'Затрудняюсь', en: "Don't know" }, count: '2', missing: 'Y' },
    ]);
    expect(stats(trust)).toEqual({ vald: '5', invd: '3' });
    expect(trust.notes).toEqual([
      { '#text': 'rating', '@subject': 'questionnaire item type' },
      { '#text': 'now', '@subject': 'reference period' },
    ]);
  });

  it("groups a multiple choice's variables as multipleResp, each 0/1 with its counts", () => {
    expect(doc.dataDscr.varGrp).toEqual([
      {
        '@ID': 'VG1',
        '@type': 'multipleResp',
        '@var': 'V4 V5 V6',
        '@name': 'reasons',
        labl: [
          { '#text': 'Почему вы уехали?', '@xml:lang': 'ru' },
          { '#text': 'Why did you leave?', '@xml:lang': 'en' },
        ],
        notes: [
          {
            '#text': 'options chosen by fewer than 5 grouped',
            '@type': 'public-use change',
            '@subject': 'reasons',
          },
        ],
      },
    ]);
    const safety = variable(doc, 'reasons_safety');
    expect(byLanguage(safety.labl)).toEqual({
      ru: 'Почему вы уехали?: Безопасность',
      en: 'Why did you leave?: Safety',
    });
    expect(safety.qstn['@responseDomainType']).toBe('multiple');
    // Answered by 5 of 8; safety chosen by 3.
    expect(categories(safety)).toEqual([
      { code: '0', labels: { ru: 'не выбрано', en: 'not chosen' }, count: '2' },
      { code: '1', labels: { ru: 'выбрано', en: 'chosen' }, count: '3' },
    ]);
    expect(stats(safety)).toEqual({ vald: '5', invd: '3' });
  });

  it('writes text as character variables without categories, and the changes made', () => {
    const other = variable(doc, 'reasons_other');
    expect(other['@representationType']).toBe('text');
    expect(other['@nature']).toBe('nominal');
    expect(other.varFormat['@type']).toBe('character');
    expect(other.catgry).toBeUndefined();
    expect(stats(other)).toEqual({ vald: '1', invd: '7' });
    expect(other.notes.at(-1)).toEqual({
      '#text': 'free text <removed> & blanked',
      '@type': 'public-use change',
      '@subject': 'reasons_other',
    });
    expect(variable(doc, 'id').notes).toEqual([
      {
        '#text': 'replaced by new random ids',
        '@type': 'public-use change',
        '@subject': 'id',
      },
    ]);
  });

  it('escapes < & " and keeps Cyrillic as UTF-8 text', () => {
    expect(xml).toContain(
      '<labl xml:lang="en">Your gender &lt;as "you" see it&gt; &amp; more</labl>',
    );
    expect(xml).toContain('<labl xml:lang="ru">Не скажу</labl>');
    expect(xml).not.toMatch(/&#x?[0-9a-f]+;/i);
  });

  it('leaves out counts and statistics when asked', () => {
    const bare = parseDdi(xmlOf(surveyCodebook(), { statistics: false }));
    const gender = variable(bare, 'gender');
    expect(gender.sumStat).toBeUndefined();
    expect(categories(gender)[3]).toEqual({
      code: '99',
      labels: { ru: 'Не скажу', en: 'Rather not <say> & "skip"' },
      count: undefined,
      missing: 'Y',
    });
  });

  it('comes out a variable at a time', () => {
    const chunks = [...writeDdi(surveyCodebook())];
    expect(chunks.filter((c) => c.trimStart().startsWith('<var ')).length).toBe(10);
  });
});

describe('writeDdi: text XML cannot hold, names and codebooks without a questionnaire', () => {
  it('removes characters XML 1.0 does not allow and keeps line breaks in attributes', () => {
    const columns = new Map<string, Column>([
      [
        'a\nb "c" <d>',
        numberColumn(
          Float64Array.of(1, NaN),
          [{ code: 1, label: { en: 'one\u0001\uFFFF\uD800' } }],
          {
            label: { en: 'Bell\u0007 & tab\there' },
            measure: 'nominal',
          },
        ),
      ],
      ['город', textColumn(['Москва', null])],
    ]);
    const xml = xmlOf({ study: { title: { en: 'T' } }, data: { n: 2, columns } });
    const doc = parseDdi(xml);
    const v = doc.dataDscr.var[0];
    expect(v['@name']).toBe('a\nb "c" <d>');
    expect(xml).toContain('name="a&#10;b &quot;c&quot; &lt;d&gt;"');
    expect(byLanguage(v.labl)).toEqual({ en: 'Bell & tab\there' });
    expect(byLanguage(v.catgry[0].labl)).toEqual({ en: 'one' });
    expect(doc.dataDscr.var[1]['@name']).toBe('город');
    expect(doc.dataDscr.var[1].qstn).toBeUndefined();
    expect(doc.stdyDscr.citation.rspStmt).toBeUndefined();
    expect(doc.fileDscr.fileTxt.fileName).toBeUndefined();
  });

  it("labels a choice without a label in the codebook's languages by its name", () => {
    const columns = new Map<string, Column>([
      ['q', numberColumn(Float64Array.of(1), [{ code: 1, name: 'yes' }], { measure: 'nominal' })],
    ]);
    const doc = parseDdi(xmlOf({ study: { title: { en: 'T' } }, data: { n: 1, columns } }));
    expect(doc.dataDscr.var[0].catgry[0].labl).toEqual([{ '#text': 'yes' }]);
  });

  it('takes the languages asked for, in their order', () => {
    const doc = parseDdi(xmlOf({ ...surveyCodebook(), languages: ['en'] }));
    expect(doc['@xml:lang']).toBe('en');
    expect(doc.stdyDscr.citation.titlStmt.titl['@xml:lang']).toBe('en');
    expect(doc.stdyDscr.citation.titlStmt.parTitl).toBeUndefined();
    expect(byLanguage(variable(doc, 'gender').labl)).toEqual({
      en: 'Your gender <as "you" see it> & more',
    });
  });
});

describe('writeDdi: what it refuses', () => {
  const data = { n: 0, columns: new Map<string, Column>() };

  it("refuses a study without a title in the codebook's languages", () => {
    expect(() => writeDdi({ study: { title: {} }, data })).toThrow(
      new DdiError('the study has no title in any language; DDI requires one'),
    );
    expect(() => writeDdi({ study, data, languages: ['de'] })).toThrow(
      'the study has no title in de; DDI requires one',
    );
  });

  it('refuses a language that is not a language tag, and a date that is not ISO', () => {
    expect(() => writeDdi({ study: { title: { 'Русский язык': 'T' } }, data })).toThrow(
      'the language "Русский язык" is not a language tag such as ru, en or pt-BR',
    );
    expect(() => writeDdi({ study: { ...study, date: '1 Oct 2022' }, data })).toThrow(
      'the study\'s date "1 Oct 2022" is not an ISO date like 2022-10-01',
    );
  });
});
