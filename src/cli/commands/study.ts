/** `longitude study load|list|show`: studies in the database. */
import { getStudySummary, listStudySummaries, loadStudyFolder } from '../../fieldwork/studies.js';
import type { StudySummary } from '../../fieldwork/studies.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';

type Flags = DatabaseFlags & { json?: boolean };

export async function studyLoad(dir: string, flags: Flags, io: Io): Promise<number> {
  return withStore(flags, io, async (store) => {
    const result = await loadStudyFolder(store.db, dir);
    if (flags.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    io.out(`Study '${result.study}' ${result.created ? 'created' : 'updated'}.`);
    for (const w of result.waves)
      io.out(`  wave ${w.id}: questionnaire version ${w.version} (${w.change})`);
    if (result.channels.length > 0) io.out(`  channels: ${result.channels.join(', ')}`);
    return 0;
  });
}

export async function studyList(flags: Flags, io: Io): Promise<number> {
  return withStore(flags, io, async (store) => {
    const studies = await listStudySummaries(store.db);
    if (flags.json) io.out(JSON.stringify({ studies }, null, 2));
    else if (studies.length === 0)
      io.out('No studies loaded. Load one with: longitude study load DIR');
    else
      for (const s of studies)
        io.out(`${s.id}\t${title(s)}\t${s.waves.length} wave(s)\t${s.responses} response(s)`);
    return 0;
  });
}

export async function studyShow(id: string, flags: Flags, io: Io): Promise<number> {
  return withStore(flags, io, async (store) => {
    const s = await getStudySummary(store.db, id);
    if (flags.json) {
      io.out(JSON.stringify(s, null, 2));
      return 0;
    }
    io.out(`${s.id}: ${title(s)}`);
    io.out(`languages: ${s.languages.join(', ')} (default ${s.defaultLanguage})`);
    io.out(`consent wording version: ${s.consentVersion}`);
    io.out('waves:');
    for (const w of s.waves) {
      const phases = [
        w.panelOpensAt && `panel-only from ${w.panelOpensAt.toISOString()}`,
        w.opensAt && `open from ${w.opensAt.toISOString()}`,
        w.closesAt && `closes ${w.closesAt.toISOString()}`,
      ].filter(Boolean);
      io.out(
        `  ${w.id}: version ${w.version} of ${w.versions}, ${w.pages} pages, ${w.variables} variables, ${w.responses} response(s)${phases.length ? `; ${phases.join('; ')}` : '; open (no dates)'}`,
      );
    }
    io.out(`channels: ${s.channels.map((c) => `${c.code} (${c.name})`).join(', ') || 'none'}`);
    return 0;
  });
}

function title(s: StudySummary): string {
  return s.title[s.defaultLanguage] ?? Object.values(s.title)[0] ?? '';
}
