// The readable codebook in Markdown, rendered by markdown-it (raw HTML allowed, so any that
// escaped our escaping would show) and in HTML, checked as well-formed XML (the page is written
// XHTML-compatible) and read for its tables: names, labels and questions in each language,
// counts and shares computed from the data, declared missing codes marked, the multiple-response
// group, the citation and the public-use changes.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { numberColumn, textColumn, type Column } from '../../analysis/dataset.js';
import type { Codebook } from './codebook.js';
import { writeCodebookHtml } from './html.js';
import { codeSpan, escape, writeCodebookMarkdown } from './markdown.js';
import { surveyCodebook } from './survey.test-helper.js';

const markdown = (c: Codebook, language?: string) =>
  [...writeCodebookMarkdown(c, language ? { language } : {})].join('');
const html = (c: Codebook, language?: string) =>
  [...writeCodebookHtml(c, language ? { language } : {})].join('');
const rendered = (md: string) => new MarkdownIt({ html: true }).render(md);

/** The rows of the first table after the heading holding `name`, as text cells. */
function tableAfter(page: string, name: string): string[][] {
  const at = page.indexOf(`<code>${name}</code></h3>`);
  if (at < 0) throw new Error(`no heading ${name}`);
  const table = page.slice(page.indexOf('<table>', at), page.indexOf('</table>', at));
  return [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ),
  );
}

describe('writeCodebookMarkdown', () => {
  const md = markdown(surveyCodebook(), 'en');
  const page = rendered(md);

  it('puts the citation at the top, then the changes, the index and a section per column', () => {
    expect(md.startsWith('# Шесть месяцев в эмиграции\n\nSix months in exile \\& "after"\n')).toBe(
      true,
    );
    expect(md).toContain('**Authors:**\n\n- Анна Петрова (OutRush)\n- Ivan \\<Ivanov\\>');
    for (const line of [
      '**Identifier:** exile-panel',
      '**Producer:** OutRush',
      '**Date:** 2022-10-01',
      '**Version:** 1.0',
      '**File:** wave-1.parquet',
      '**Cases:** 8',
    ])
      expect(md).toContain(line);
    const headings = [...page.matchAll(/<h([123])>(.*?)<\/h\1>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual([
      '1 Шесть месяцев в эмиграции',
      '2 Changes in this public-use file',
      '2 Variables (8)',
      ...[
        'id',
        'gender',
        'age',
        'reasons',
        'reasons_other',
        'trust_people',
        'trust_media',
        'comment',
      ].map((n) => `3 <code>${n}</code>`),
    ]);
  });

  it('lists the public-use changes, marking variables no longer in the file', () => {
    const rows = tableAfter(page.replace('<h2>Changes', '<code>changes</code></h3>'), 'changes');
    expect(rows).toEqual([
      ['Variable', 'Change', ''],
      ['contact', 'dropped: a contact identifies the respondent', 'not in this file'],
      ['id', 'replaced by new random ids', ''],
      ['reasons_other', 'free text &lt;removed&gt; &amp; blanked', ''],
      ['reasons', 'options chosen by fewer than 5 grouped', ''],
    ]);
  });

  it('gives a choice its labels and question in each language and its categories with counts and shares', () => {
    expect(md).toContain(
      '**Label:**\n\n- ru: Ваш пол\n- en: Your gender \\<as "you" see it\\> \\& more',
    );
    expect(md).toContain('**Hint:**\n\n- ru: Один ответ\n- en: One answer');
    expect(md).toContain('**Type:** number · measure: nominal · item type: select\\_one');
    expect(md).toContain('**Answers:** valid: 6 · declared missing: 1 · no answer: 1');
    // 8 rows: male 2, female 3, other 1, dk 1 (declared missing), 1 without an answer.
    expect(tableAfter(page, 'gender')).toEqual([
      ['Code', 'Name', 'Label (ru)', 'Label (en)', 'Count', '%', 'Valid %', ''],
      ['1', 'male', 'Мужской', 'Male', '2', '25.0', '33.3', ''],
      ['2', 'female', 'Женский', 'Female', '3', '37.5', '50.0', ''],
      ['3', 'other', 'Другой', 'Other', '1', '12.5', '16.7', ''],
      [
        '99',
        'dk',
        'Не скажу',
        'Rather not &lt;say&gt; &amp; "skip"',
        '1',
        '12.5',
        '',
        'declared missing',
      ],
      ['', '', '', 'no answer', '1', '12.5', '', ''],
    ]);
  });

  it('gives a number its statistics and a rating every point of its scale', () => {
    expect(md).toContain(
      '**Statistics:** minimum: 25 · maximum: 52 · mean: 35.64 · standard deviation: 9.022',
    );
    expect(md).toContain(
      '**Question:**\n\n- ru: Насколько вы доверяете… СМИ\n- en: How much do you trust… the media',
    );
    expect(md).toContain('**Scale:** 1–5');
    expect(md).toContain('**Reference period:** now');
    expect(tableAfter(page, 'trust_media').map((r) => [r[0], r[4], r[5], r[6], r[7]])).toEqual([
      ['Code', 'Count', '%', 'Valid %', ''],
      ['1', '2', '25.0', '40.0', ''],
      ['2', '2', '25.0', '40.0', ''],
      ['3', '0', '0.0', '0.0', ''],
      ['4', '0', '0.0', '0.0', ''],
      ['5', '1', '12.5', '20.0', ''],
      ['9', '2', '25.0', '', 'declared missing'],
      ['', '1', '12.5', '', ''],
    ]);
  });

  it('shows a multiple choice as one group: a 0/1 column per option, chosen among those who answered', () => {
    expect(md).toContain('**Answers:** answered: 5 · not answered: 3');
    expect(md).toContain('**Changed:** options chosen by fewer than 5 grouped');
    expect(tableAfter(page, 'reasons')).toEqual([
      ['Column', 'Code', 'Name', 'Label (ru)', 'Label (en)', 'Chosen', '% of answered'],
      ['reasons_money', '1', 'money', 'Деньги', 'Money', '2', '40.0'],
      ['reasons_safety', '2', 'safety', 'Безопасность', 'Safety', '3', '60.0'],
      ['reasons_other_2', '3', 'other', 'Другое', 'Other', '1', '20.0'],
    ]);
  });

  it('lists no free text', () => {
    expect(md).toContain('free text: values are not listed');
    expect(md).not.toContain('Спасибо');
    expect(md).not.toContain('Работа');
  });

  it('writes its own words in Russian, numbers as Russian writes them', () => {
    const ru = markdown(surveyCodebook());
    expect(ru).toContain('**Ответы:** валидных: 6 · объявленный пропуск: 1 · нет ответа: 1');
    expect(ru).toContain('| 2 | `female` | Женский | Female | 3 | 37,5 | 50,0 |   |');
    expect(ru).toContain('## Изменения в файле для открытого доступа');
  });

  it('escapes labels so that nothing in them becomes markup, HTML or a new cell', () => {
    const label = '*not bold* _no_ [a](b) <b>x</b> & | ~~y~~ `z`\nnext line';
    const columns = new Map<string, Column>([
      [
        'q|`1`',
        numberColumn(Float64Array.of(1, 2), [{ code: 1, label: { en: label } }], {
          label: { en: '- 1. # not a list' },
          measure: 'nominal',
        }),
      ],
      ['t', textColumn(['a', null], { label: { en: label }, measure: 'nominal' })],
    ]);
    const out = rendered(
      markdown({ study: { title: { en: '# Title *x*' } }, data: { n: 2, columns } }),
    );
    expect(out).not.toMatch(/<(b|em|strong|a|s|del)>(?!(Label|Type|Answers|Cases)\b)/);
    expect(out).toContain('<h1># Title *x*</h1>');
    expect(out).toContain(
      '*not bold* _no_ [a](b) &lt;b&gt;x&lt;/b&gt; &amp; | ~~y~~ `z` next line',
    );
    expect(out).toContain('<h3><code>q|`1`</code></h3>');
    expect(out).toContain('- 1. # not a list');
    // The category table keeps its 6 cells a row although the label holds a |.
    const table = out.slice(out.indexOf('<table>', out.indexOf('<code>q|`1`</code></h3>')));
    const body = table.slice(table.indexOf('<tbody>'));
    expect(body.slice(0, body.indexOf('</tr>')).match(/<td/g)).toHaveLength(6);
  });

  it('makes code spans that no backtick in a name closes', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(escape('1. x')).toBe('1\\. x');
    expect(escape('1.0')).toBe('1.0');
  });

  it('comes out an entry at a time', () => {
    expect([...writeCodebookMarkdown(surveyCodebook())]).toHaveLength(2 + 8);
  });
});

describe('writeCodebookHtml', () => {
  const page = html(surveyCodebook(), 'en');

  it('is one well-formed, self-contained page', () => {
    expect(XMLValidator.validate(page)).toBe(true);
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8" />');
    expect(page).toContain('<title>Шесть месяцев в эмиграции</title>');
    expect(page).not.toMatch(/<script|<link|<img|src=|url\(|https?:/i);
  });

  it('marks each label and question with its language and links the index to the sections', () => {
    expect(page).toContain('<h1 lang="ru">Шесть месяцев в эмиграции</h1>');
    expect(page).toContain(
      '<dt>Label</dt><dd>ru: <span lang="ru">Ваш пол</span></dd><dd>en: <span lang="en">Your gender &lt;as &quot;you&quot; see it&gt; &amp; more</span></dd>',
    );
    const links = [...page.matchAll(/<a href="#(v\d+)"><code>([^<]+)<\/code><\/a>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(links).toHaveLength(8);
    for (const [id, name] of links)
      expect(page).toContain(`<h3 id="${id}"><code>${name}</code></h3>`);
  });

  it('has the same tables as the Markdown, declared missing rows marked', () => {
    const doc = new XMLParser({ ignoreAttributes: false }).parse(page);
    expect(doc.html.body.section).toHaveLength(8);
    expect(tableAfter(page, 'gender')[4]).toEqual([
      '99',
      'dk',
      'Не скажу',
      'Rather not &lt;say&gt; &amp; "skip"',
      '1',
      '12.5',
      '',
      'declared missing',
    ]);
    expect(page).toContain('<tr class="missing"><td>99</td>');
    expect(tableAfter(page, 'reasons')[3]).toEqual(
      tableAfter(rendered(markdown(surveyCodebook(), 'en')), 'reasons')[3],
    );
  });

  it('removes control characters HTML does not allow', () => {
    const columns = new Map<string, Column>([
      [
        'q',
        numberColumn(Float64Array.of(1), [], {
          label: { en: 'a\u0000b\u0007c' },
          measure: 'scale',
        }),
      ],
    ]);
    const out = html({ study: { title: { en: 'T' } }, data: { n: 1, columns } });
    expect(out).toContain('<span lang="en">abc</span>');
    expect(XMLValidator.validate(out)).toBe(true);
  });
});
