/** `longitude links --study S --wave W`: every recruitment channel's open link. */
import { loadSurveyWave } from '../../fieldwork/survey-wave.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

export async function links(
  flags: DatabaseFlags & { study: string; wave: string; base?: string; json?: boolean },
  io: Io,
): Promise<number> {
  return withStore(flags, io, async (store, config) => {
    const sw = await loadSurveyWave(store.db, flags.study, flags.wave);
    const base = (flags.base ?? config.publicUrl).replace(/\/$/, '');
    const path = `/s/${encodeURIComponent(flags.study)}/${encodeURIComponent(flags.wave)}`;
    const rows = [
      { channel: null as string | null, name: 'no channel (unattributed)', url: `${base}${path}` },
      ...(sw.study.channels ?? []).map((c) => ({
        channel: c.code,
        name: c.name,
        url: `${base}${path}/c/${c.code}`,
      })),
    ];
    if (flags.json)
      io.out(JSON.stringify({ study: flags.study, wave: flags.wave, links: rows }, null, 2));
    else for (const r of rows) io.out(`${r.channel ?? '-'}\t${r.url}\t${r.name}`);
    return 0;
  });
}
