import { describe, expect, it } from 'vitest';
import { placeholders, renderTemplate, TemplateError } from './template.js';

const results = {
  trust: { share: { 'wave-1': 0.46, 'wave-2': 0.61 }, change: 0.15, test: { p: 0.0004 }, n: 611 },
  label: 'x',
};

describe('templates', () => {
  it('writes each placeholder in the language', () => {
    expect(
      renderTemplate(
        'Trust rose from {{ trust.share.wave-1 | pct }} to {{trust.share.wave-2|pct}} ({{ trust.change | pp }}, {{ trust.test.p | p }}, n = {{ trust.n | n }}).',
        results,
        'en',
      ),
    ).toBe('Trust rose from 46% to 61% (+15\u00a0p.p., p\u00a0<\u00a00.001, n = 611).');
    expect(renderTemplate('{{ trust.share.wave-1 | pct: 1 }}', results, 'ru')).toBe('46,0%');
    expect(renderTemplate('{{ label }} and {{ trust.n }}', results, 'en')).toBe('x and 611');
  });

  it('refuses what does not resolve, with the offset of the placeholder', () => {
    const fails = (text: string, message: RegExp, offset: number) => {
      try {
        renderTemplate(text, results, 'en');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
        expect((error as Error).message).toMatch(message);
        expect((error as TemplateError).offset).toBe(offset);
      }
    };
    fails('ab {{ trust.nothing | pct }}', /there is no value 'trust.nothing'/, 3);
    fails('{{ trust.share | pct }}', /needs a number/, 0);
    fails('{{ trust.share }}', /a group of values/, 0);
    fails(
      'x {{ trust.n | money }}',
      /no format 'money'; the formats are pct, pp, p, n, num, sig/,
      2,
    );
    fails('{{ 1 + 1 }}', /does not name a value/, 0);
    fails('text {{ trust.n', /unclosed/, 5);
    fails('{{ trust.n | num: 9 }}', /from 0 to 6/, 0);
    expect(placeholders('no placeholders')).toEqual([]);
  });
});
