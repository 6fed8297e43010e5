/**
 * `longitude panel table --study S --form long|wide [--out FILE.csv] [--json]`: the linked
 * panel data as CSV (to a file or the standard output), or as JSON.
 */
import { panelData, panelForms, type PanelForm } from '../../fieldwork/panel-data.js';
import { csvLines } from '../../formats/csv-write.js';
import { Problem } from '../../problems/problem.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';
import { writePrivateFile } from '../private-file.js';
import { cellText, type Dataset } from '../../analysis/dataset.js';

export interface PanelTableFlags extends DatabaseFlags {
  study: string;
  form: string;
  out?: string;
  json?: boolean;
}

function rowsOf(data: Dataset): Record<string, string | null>[] {
  const names = [...data.columns.keys()];
  const columns = [...data.columns.values()];
  return Array.from({ length: data.n }, (_, i) =>
    Object.fromEntries(names.map((name, j) => [name, cellText(columns[j]!, i)])),
  );
}

export async function panelTable(flags: PanelTableFlags, io: Io): Promise<number> {
  if (!panelForms.includes(flags.form as PanelForm))
    throw new Problem(
      'input.invalid',
      `--form must be long (a row per panelist and wave) or wide (a row per panelist), not '${flags.form}'.`,
      { field: 'form' },
    );
  const form = flags.form as PanelForm;
  return withStore(flags, io, async (store) => {
    const data = await panelData(store.db, flags.study, form);
    const columns = [...data.columns.keys()];
    if (flags.out !== undefined) {
      await writePrivateFile(flags.out, csvLines(data), 'out');
      if (flags.json)
        io.out(
          JSON.stringify(
            { study: flags.study, form, file: flags.out, rows: data.n, columns },
            null,
            2,
          ),
        );
      else
        io.out(
          `Wrote the ${form} panel table of '${flags.study}' to ${flags.out}: ${data.n} row(s), ${columns.length} column(s).`,
        );
    } else if (flags.json)
      io.out(
        JSON.stringify(
          { study: flags.study, form, rows: data.n, columns, data: rowsOf(data) },
          null,
          2,
        ),
      );
    else for (const line of csvLines(data)) io.out(line);
    return 0;
  });
}
