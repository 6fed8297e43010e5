import { describe, expect, it } from 'vitest';
import { didYouMean } from './suggest.js';

describe('didYouMean', () => {
  it('suggests a close known word', () => {
    expect(didYouMean('lable', ['label', 'list'])).toBe("; did you mean 'label'?");
  });
  it('never suggests the word itself (known elsewhere, not allowed here)', () => {
    expect(didYouMean('label', ['label', 'list'])).toBe('');
  });
  it('says nothing when no word is close', () => {
    expect(didYouMean('zzzzzz', ['label', 'list'])).toBe('');
  });
});
