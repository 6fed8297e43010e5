/**
 * `longitude responses show --study S --wave W`: stored responses as they are (answers,
 * status, completion share, page log with timings, channel, language), for a look before any
 * export exists.
 */
import { listPageSaves, listResponses } from '../../store/queries/responses.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

export async function responsesShow(
  flags: DatabaseFlags & { study: string; wave?: string; json?: boolean },
  io: Io,
): Promise<number> {
  return withStore(flags, io, async (store) => {
    const responses = await listResponses(store.db, { studyId: flags.study, waveId: flags.wave });
    const out = [];
    for (const r of responses) {
      const pages = await listPageSaves(store.db, r.id);
      const seconds = pages.map((p) =>
        p.shownAt ? Math.round((p.savedAt.getTime() - p.shownAt.getTime()) / 100) / 10 : null,
      );
      const known = seconds.filter((s): s is number => s !== null);
      out.push({
        id: r.id,
        wave: r.waveId,
        status: r.status,
        completionShare: r.completionShare,
        channel: r.channelCode,
        language: r.language,
        startedAt: r.createdAt,
        completedAt: r.completedAt,
        durationSeconds: known.length
          ? Math.round(known.reduce((a, b) => a + b, 0) * 10) / 10
          : null,
        signals: r.signals,
        answers: r.answers,
        pages: pages.map((p, i) => ({
          page: p.pageId,
          shownAt: p.shownAt,
          savedAt: p.savedAt,
          seconds: seconds[i],
        })),
      });
    }
    if (flags.json) {
      io.out(
        JSON.stringify({ study: flags.study, wave: flags.wave ?? null, responses: out }, null, 2),
      );
      return 0;
    }
    io.out(`${out.length} response(s)`);
    for (const r of out) {
      io.out(
        `\n${r.id}  ${r.wave}  ${r.status}  ${Math.round(r.completionShare * 100)}%  channel ${r.channel ?? '-'}  ${r.language}  ${r.durationSeconds ?? '?'} s`,
      );
      io.out(`  pages: ${r.pages.map((p) => `${p.page} (${p.seconds ?? '?'} s)`).join(', ')}`);
      for (const [k, v] of Object.entries(r.answers)) io.out(`  ${k} = ${JSON.stringify(v)}`);
    }
    return 0;
  });
}
