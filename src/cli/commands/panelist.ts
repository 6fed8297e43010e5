/**
 * `longitude panelist erase --study S (--panel-code "six words" | --contact ADDRESS --key
 * PRIVATE.key) [--yes] [--json]`: deletes everything a panelist gave, on their request. Without
 * --yes it only says what would be deleted.
 */
import { erasePanelist, type ErasureRequest, type ErasureResult } from '../../fieldwork/erasure.js';
import { Problem } from '../../problems/problem.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';
import { readPrivateKey } from './keys.js';

export interface PanelistEraseFlags extends DatabaseFlags {
  study: string;
  panelCode?: string;
  contact?: string;
  key?: string;
  yes?: boolean;
  json?: boolean;
}

async function request(flags: PanelistEraseFlags): Promise<ErasureRequest> {
  const byCode = flags.panelCode !== undefined;
  const byContact = flags.contact !== undefined;
  if (byCode === byContact)
    throw new Problem(
      'input.invalid',
      "Give either --panel-code (the six words the panelist kept) or --contact with --key (the address or handle they left, and the study's private key).",
      { field: byCode ? 'contact' : 'panel-code' },
    );
  if (byCode) {
    if (flags.key !== undefined)
      throw new Problem(
        'input.invalid',
        '--key is for --contact only; a panel code needs no key.',
        { field: 'key' },
      );
    return { panelCode: flags.panelCode! };
  }
  if (flags.key === undefined)
    throw new Problem(
      'input.invalid',
      "--contact needs --key: the study's private key file (NAME.private.key), to open the sealed contacts on this machine.",
      { field: 'key' },
    );
  return { contact: flags.contact!, keys: await readPrivateKey(flags.key) };
}

function describe(r: ErasureResult): string {
  const what = [
    `${r.responses} response(s)${r.waves.length ? ` in ${r.waves.join(', ')}` : ''}`,
    `${r.pageSaves} page save(s)`,
    `${r.invitations} invitation(s)`,
    `${r.panelists} panelist record(s)`,
  ].join(', ');
  const unreadable = r.unreadableContacts
    ? `\nNote: ${r.unreadableContacts} contact(s) of the study were sealed for another key and could not be compared.`
    : '';
  return r.erased
    ? `Erased from study '${r.study}' (found by ${r.foundBy}): ${what}. An erasure record with these counts only was kept.${unreadable}`
    : `Would erase from study '${r.study}' (found by ${r.foundBy}): ${what}. Nothing was changed; run again with --yes to erase.${unreadable}`;
}

export async function panelistErase(flags: PanelistEraseFlags, io: Io): Promise<number> {
  const req = await request(flags);
  return withStore(flags, io, async (store) => {
    const result = await erasePanelist(store.db, flags.study, req, { erase: flags.yes === true });
    io.out(flags.json ? JSON.stringify(result, null, 2) : describe(result));
    return 0;
  });
}
