import { describe, expect, it } from 'vitest';
import { readRowType } from './row-types.js';

describe('the type column', () => {
  it('reads the question types Longitude has, in the spellings ODK accepts', () => {
    expect(readRowType('select_one yes_no')).toEqual({
      kind: 'question',
      type: 'select_one',
      list: 'yes_no',
      orOther: false,
    });
    expect(readRowType('select one  yes_no  or_other')).toMatchObject({
      type: 'select_one',
      list: 'yes_no',
      orOther: true,
    });
    expect(readRowType('select all that apply langs')).toMatchObject({
      type: 'select_multiple',
      list: 'langs',
    });
    expect(readRowType('Select_Multiple langs OR_OTHER')).toMatchObject({ orOther: true });
    expect(readRowType('int')).toEqual({ kind: 'question', type: 'integer' });
    expect(readRowType('string')).toEqual({ kind: 'question', type: 'text' });
    for (const t of ['decimal', 'date', 'note', 'range'])
      expect(readRowType(t)).toEqual({ kind: 'question', type: t });
  });

  it('reads groups, repeats, calculate and hidden', () => {
    expect(readRowType('begin group')).toEqual({ kind: 'begin-group' });
    expect(readRowType('begin_group')).toEqual({ kind: 'begin-group' });
    expect(readRowType('End Group')).toEqual({ kind: 'end-group' });
    expect(readRowType('begin_repeat')).toEqual({ kind: 'begin-repeat' });
    expect(readRowType('end repeat')).toEqual({ kind: 'end-repeat' });
    expect(readRowType('calculate')).toEqual({ kind: 'calculate' });
    expect(readRowType('hidden')).toEqual({ kind: 'hidden' });
  });

  it('knows what it cannot import, and why', () => {
    expect(readRowType('geopoint')).toMatchObject({ kind: 'unsupported', type: 'geopoint' });
    expect(readRowType('image')).toMatchObject({ kind: 'unsupported' });
    expect(readRowType('select_one_from_file places.csv')).toMatchObject({
      kind: 'unsupported',
      type: 'select_one_from_file',
    });
    expect(readRowType('dateTime')).toMatchObject({ kind: 'unsupported', type: 'datetime' });
    expect(readRowType('start')).toMatchObject({ kind: 'metadata', type: 'start' });
    expect(readRowType('deviceid')).toMatchObject({ kind: 'metadata' });
    expect(readRowType('selectone yes_no')).toEqual({ kind: 'unknown', type: 'selectone yes_no' });
    expect(readRowType('select_one')).toMatchObject({ kind: 'unknown' });
    expect(readRowType('select_one a b')).toMatchObject({ kind: 'unknown' });
  });
});
