// Dispositions, AAPOR codes, rates and retention gathered from the database, on both databases,
// against counts worked out by hand from the scenario in panel-scenario.ts.
import { beforeEach, expect, it } from 'vitest';
import {
  fieldworkStatus,
  preferredResponse,
  responseChannel,
} from '../../src/fieldwork/dispositions.js';
import { forEachDatabase } from '../support/databases.js';
import { buildScenario, STUDY, waveClosed, waveOpen } from './panel-scenario.js';

forEachDatabase('fieldwork dispositions', (get) => {
  const at = (now: Date) => ({ db: get().db, now: () => now });

  beforeEach(async () => {
    await buildScenario(get().db);
  });

  it('gives every panelist of wave 2 the disposition the invitations and responses say', async () => {
    const status = await fieldworkStatus(at(waveOpen), STUDY, { wave: 'wave-2' });
    expect(status.waves).toHaveLength(1);
    const w = status.waves[0]!;
    expect(w.wave).toBe('wave-2');
    expect(w.phase).toBe('open');
    expect(w.entered).toBe(1);
    expect(w.panelists).toBe(14);
    expect(w.dispositions).toEqual({
      complete: 2, // a personal link, and a panel code without an invitation
      partial: 1, // abandoned at 0.6
      break_off: 1, // abandoned at 0.2
      started: 1, // in progress at 0.9 while the wave is open
      screened_out: 1,
      opted_out: 1,
      opened: 1, // a listed link, opened
      bounced: 1, // round 1 bounced after round 0 was sent
      invited: 3, // round 1 failed; round 1 sent after round 0 bounced; opted out after close
      not_invited: 2, // cancelled + prepared; failed + sending
    });
    // I = complete; P = partial; R = break-off + opted out + opened; NC = invited + started;
    // UO = bounced; NE = screened out; not invited left out.
    expect(w.codes).toEqual({ I: 2, P: 1, R: 3, NC: 4, O: 0, UH: 0, UO: 1, NE: 1 });
    expect(w.rates.RR1).toEqual({ value: 2 / 11 });
    expect(w.rates.RR2).toEqual({ value: 3 / 11 });
    expect(w.rates.RR5).toEqual({ value: 2 / 10 });
    expect(w.rates.COOP1).toEqual({ value: 2 / 6 });
    // e estimated as (I+P+R+NC+O) / (I+P+R+NC+O+NE) = 10/11.
    expect(w.rates.e).toEqual({ value: 10 / 11, source: 'estimated' });
    expect(w.rates.RR3.value).toBeCloseTo(2 / (10 + 10 / 11), 12);
  });

  it('resolves started responses when the wave closes, and takes e when given', async () => {
    const status = await fieldworkStatus(at(waveClosed), STUDY, { wave: 'wave-2', e: 0.5 });
    const w = status.waves[0]!;
    expect(w.phase).toBe('closed');
    expect(w.dispositions.started).toBe(0);
    expect(w.dispositions.partial).toBe(2);
    expect(w.codes).toEqual({ I: 2, P: 2, R: 3, NC: 3, O: 0, UH: 0, UO: 1, NE: 1 });
    expect(w.rates.RR1).toEqual({ value: 2 / 11 });
    expect(w.rates.RR2).toEqual({ value: 4 / 11 });
    expect(w.rates.e).toEqual({ value: 0.5, source: 'given' });
    expect(w.rates.RR3.value).toBeCloseTo(2 / 10.5, 12);
  });

  it('counts each wave’s responses by channel, phase at start, language and status', async () => {
    const status = await fieldworkStatus(at(waveOpen), STUDY);
    const [w1, w2] = status.waves;
    expect(w1!.entered).toBe(14);
    expect(w1!.panelists).toBe(0);
    expect(w1!.rates.RR1).toEqual({
      value: null,
      reason: 'not defined: no cases in the denominator ((I+P) + (R+NC+O) + (UH+UO))',
    });
    expect(w1!.responses).toEqual({
      total: 15,
      byChannel: { 'telegram-outrush': 14, friends: 1 },
      byPhase: { open: 15 },
      byLanguage: { ru: 15 },
      byStatus: { complete: 15 },
    });
    expect(w2!.responses).toEqual({
      total: 9,
      byChannel: {
        'personal link': 3,
        'panel code': 3,
        noda: 1,
        'telegram-outrush': 1,
        none: 1,
      },
      byPhase: { 'panel-only': 3, open: 6 },
      byLanguage: { ru: 7, en: 2 },
      byStatus: { complete: 4, abandoned: 2, in_progress: 2, screened_out: 1 },
    });
  });

  it('computes retention from completed waves, with partials only when asked', async () => {
    const strict = await fieldworkStatus(at(waveClosed), STUDY);
    expect(strict.retentionCounts).toBe('complete');
    expect(strict.retention).toEqual([
      {
        wave: 'wave-2',
        previous: 'wave-1',
        first: 'wave-1',
        waveToWave: { numerator: 2, denominator: 14, value: 2 / 14 },
        attrition: { numerator: 12, denominator: 14, value: 12 / 14 },
        cumulative: { numerator: 2, denominator: 14, value: 2 / 14 },
      },
    ]);
    const withPartials = await fieldworkStatus(at(waveClosed), STUDY, { partialsRetained: true });
    expect(withPartials.retentionCounts).toBe('complete or partial');
    expect(withPartials.retention[0]!.waveToWave).toEqual({
      numerator: 4,
      denominator: 14,
      value: 4 / 14,
    });
    // While the wave is open the response at 0.9 is only started.
    const open = await fieldworkStatus(at(waveOpen), STUDY, { partialsRetained: true });
    expect(open.retention[0]!.waveToWave.numerator).toBe(3);
  });

  it('refuses an unknown study, an unknown wave and an e outside [0, 1]', async () => {
    await expect(fieldworkStatus(at(waveOpen), 'nope')).rejects.toMatchObject({
      code: 'study.not-found',
      place: { field: 'study' },
    });
    await expect(fieldworkStatus(at(waveOpen), STUDY, { wave: 'wave-9' })).rejects.toThrow(
      "Study 'exile-panel-dated' has no wave 'wave-9'; its waves are wave-1, wave-2.",
    );
    await expect(fieldworkStatus(at(waveOpen), STUDY, { e: 1.5 })).rejects.toMatchObject({
      place: { field: 'e' },
    });
  });
});

it('prefers a complete response, then the one that got further, then the later one', () => {
  const r = (status: 'complete' | 'in_progress' | 'abandoned', share: number, day: number) => ({
    status,
    completionShare: share,
    createdAt: new Date(2022, 8, day),
  });
  const done = r('complete', 0.8, 1);
  expect(preferredResponse(r('in_progress', 0.9, 2), done)).toBe(done);
  const further = r('abandoned', 0.7, 1);
  expect(preferredResponse(further, r('in_progress', 0.4, 3))).toBe(further);
  const later = r('in_progress', 0.4, 3);
  expect(preferredResponse(r('in_progress', 0.4, 2), later)).toBe(later);
  expect(
    responseChannel({
      waveId: 'w2',
      channelCode: 'x',
      invitationId: null,
      panelistEntryWave: 'w2',
    }),
  ).toBe('x');
});
