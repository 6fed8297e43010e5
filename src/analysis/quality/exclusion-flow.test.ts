import { describe, expect, it } from 'vitest';
import { exclusionFlow } from './exclusion-flow.js';
import type { Override } from './facts.js';
import { facts, rulesFrom } from './fixture.test-helper.js';
import { formatFlow } from './format-flow.js';
import { runQuality } from './run-quality.js';

const rules = rulesFrom(`rules:
  - id: in-russia
    type: eligibility
    expression: "\${migration_status} != 'planning' and \${migration_status} != 'staying'"
    message: Still in Russia.
  - { id: completion, type: completion }
  - { id: speeder-info, type: speeder, exclude: false }
  - { id: honeypot, type: signal, name: honeypot }
  - { id: speeder, type: speeder }
  - { id: device, type: device }
`);

const left = { migration_status: 'left_after' };
const responses = [
  facts('r01', { answers: left }),
  facts('r02', { answers: left }),
  facts('r03', { answers: { migration_status: 'planning' } }),
  facts('r04', { answers: { migration_status: 'staying' }, completionShare: 0.1 }),
  facts('r05', { answers: left, completionShare: 0.2 }),
  facts('r06', { answers: left, completionShare: 0.3 }),
  facts('r07', { answers: left, signals: { honeypot: 1 } }),
  facts('r08', { answers: left, signals: { honeypot: 2 } }),
  facts('r09', { answers: left }),
  facts('r10', { answers: {} }),
  facts('r11', { answers: left }),
  // Median of the wave's complete durations is 600 (R: median(c(rep(600, 11), 280))).
  facts('r12', { answers: left, durationSeconds: 280 }),
  facts('w2', { answers: {}, waveId: 'wave-2' }),
];
const decide = (responseId: string, decision: 'keep' | 'drop'): Override => ({
  responseId,
  decision,
  note: 'checked by hand',
  by: 'researcher',
  at: '2022-10-01T00:00:00Z',
});
const overrides = [
  decide('r06', 'keep'), // flagged: kept despite its flag
  decide('r08', 'drop'), // already removed by a rule: counted there
  decide('r09', 'drop'), // clean: removed by the researcher
  decide('r11', 'keep'), // clean: nothing to keep it from
];

const expected = {
  steps: [
    {
      step: 'in-russia',
      entering: 12,
      leaving: 3,
      reasons: { 'Still in Russia.': 2, 'eligibility not answered': 1 },
    },
    { step: 'completion', entering: 9, leaving: 1, reasons: { 'too little answered': 1 } },
    { step: 'honeypot', entering: 8, leaving: 2, reasons: { 'signal (honeypot)': 2 } },
    { step: 'speeder', entering: 6, leaving: 1, reasons: { speeder: 1 } },
    { step: 'device', entering: 5, leaving: 0, reasons: {} },
    {
      step: 'override',
      entering: 5,
      leaving: 1,
      reasons: { 'dropped by researcher': 1 },
      kept: 1,
    },
  ],
  kept: ['r01', 'r02', 'r06', 'r11'],
};

describe('exclusionFlow', () => {
  const flags = runQuality(rules, new Map(), responses);

  it('counts each step with the rules: first excluding rule, keep and drop decisions', () => {
    expect(exclusionFlow(responses, flags, overrides, 'wave-1', rules)).toEqual(expected);
  });

  it('reads the rule order from the flags when no rules are given', () => {
    const flow = exclusionFlow(responses, flags, overrides, 'wave-1');
    // A rule that excluded nobody is not known without the rules.
    expect(flow).toEqual({ ...expected, steps: expected.steps.filter((s) => s.step !== 'device') });
  });

  it('reads flags as stored, with figures as text', () => {
    const stored = new Map(
      [...flags].map(([id, list]) => [
        id,
        list.map((f) => ({ ...f, figure: f.figure === null ? null : String(f.figure) })),
      ]),
    );
    expect(exclusionFlow(responses, stored, overrides, 'wave-1', rules)).toEqual(expected);
  });

  it('prints a plain table', () => {
    const text = formatFlow(exclusionFlow(responses, flags, overrides, 'wave-1', rules));
    expect(text.split('\n')).toEqual([
      'step        entering  leaving  reasons',
      'in-russia         12        3  Still in Russia.: 2; eligibility not answered: 1',
      'completion         9        1  too little answered: 1',
      'honeypot           8        2  signal (honeypot): 2',
      'speeder            6        1  speeder: 1',
      'device             5        0',
      'override           5        1  dropped by researcher: 1; kept despite flags: 1',
      'remaining: 4',
    ]);
  });
});
