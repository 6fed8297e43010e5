/** Every migration, in the order it runs. Names are recorded; never rename one that shipped. */
import type { Kysely } from 'kysely';
import * as initial from './0001-initial.js';
import * as respondentSessions from './0002-respondent-sessions.js';
import * as panelists from './0003-panelists.js';
import * as invitations from './0004-invitations.js';
import * as quality from './0005-quality.js';
import * as pageDrafts from './0006-page-drafts.js';
import * as respondentDevice from './0007-respondent-device.js';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export const migrations: Migration[] = [
  { name: '0001-initial', up: initial.up },
  { name: '0002-respondent-sessions', up: respondentSessions.up },
  { name: '0003-panelists', up: panelists.up },
  { name: '0004-invitations', up: invitations.up },
  { name: '0005-quality', up: quality.up },
  { name: '0006-page-drafts', up: pageDrafts.up },
  { name: '0007-respondent-device', up: respondentDevice.up },
];
