/**
 * Kysely's view of the tables. Columns are snake_case as in SQL; query modules return
 * camelCase objects, so nothing outside `store/` sees a column name.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** JSON columns: written as a JSON string (the drivers differ on objects), read as values. */
type Json<T> = ColumnType<T, string, string>;

export interface StudiesTable {
  id: string;
  title: Json<Record<string, string>>;
  languages: string[];
  default_language: string;
  definition: Json<unknown>;
  public_key: Uint8Array | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface QuestionnaireVersionsTable {
  id: Generated<number>;
  study_id: string;
  wave_id: string;
  version: number;
  content_hash: string;
  definition: Json<unknown>;
  created_at: Generated<Date>;
}

export interface WavesTable {
  study_id: string;
  id: string;
  position: number;
  title: Json<Record<string, string>>;
  questionnaire_version_id: number | null;
  panel_opens_at: NullableTimestamp;
  opens_at: NullableTimestamp;
  closes_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ChannelsTable {
  study_id: string;
  code: string;
  name: string;
  description: Json<Record<string, string> | null> | null;
  created_at: Generated<Date>;
}

export type ResponseStatus = 'in_progress' | 'complete' | 'screened_out' | 'abandoned';

export interface ResponsesTable {
  id: Generated<string>;
  study_id: string;
  wave_id: string;
  questionnaire_version_id: number;
  channel_code: string | null;
  language: string;
  status: Generated<ResponseStatus>;
  answers: Json<Record<string, unknown>>;
  completion_share: Generated<number>;
  current_page: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
  session_hash: string | null;
  resume_code_hash: string | null;
  device_hash: string | null;
  resume_code_sealed: Uint8Array | null;
  signals: ColumnType<Record<string, unknown>, string | undefined, string>;
  invitation_id: number | null;
  panelist_id: number | null;
}

export interface PanelistsTable {
  id: Generated<number>;
  study_id: string;
  pseudonym: string;
  entry_wave: string;
  contact_kind: 'email' | 'messenger' | null;
  contact_sealed: Uint8Array | null;
  panel_code_hash: string | null;
  consent_version: number;
  consented_at: Timestamp;
  opted_out_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export type InvitationState =
  'prepared' | 'sending' | 'sent' | 'listed' | 'failed' | 'bounced' | 'cancelled';

export interface InvitationsTable {
  id: Generated<number>;
  study_id: string;
  wave_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  panelist_id: number | null;
  round: Generated<number>;
  channel: 'email' | 'file' | null;
  language: string | null;
  token_sealed: Uint8Array | null;
  state: Generated<InvitationState>;
  attempts: Generated<number>;
  last_error: string | null;
  sending_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  bounced_at: NullableTimestamp;
  opened_at: NullableTimestamp;
  used_at: NullableTimestamp;
}

export interface ErasuresTable {
  id: Generated<number>;
  study_id: string;
  erased_at: Generated<Date>;
  found_by: 'panel-code' | 'contact';
  responses: number;
  invitations: number;
}

export interface PageSavesTable {
  id: Generated<number>;
  response_id: string;
  page_id: string;
  save_id: string;
  answers: Json<Record<string, unknown>>;
  shown_at: NullableTimestamp;
  saved_at: Timestamp;
}

export interface PageDraftsTable {
  response_id: string;
  page_id: string;
  draft: Json<unknown>;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

/** A session that a resume on another device replaced: it tells the old device where it went. */
export interface RetiredSessionsTable {
  session_hash: string;
  response_id: string;
  retired_at: Timestamp;
}

export interface QualityRulesTable {
  study_id: string;
  file: string;
  text: string;
  updated_at: Timestamp;
}

export interface QualityFlagsTable {
  response_id: string;
  rule: string;
  kind: string;
  figure: string | null;
  threshold: string | null;
  reason: string;
  exclude: boolean;
  /** Order of the flag among the response's flags of one rule. */
  position: number;
}

export interface QualityOverridesTable {
  response_id: string;
  decision: 'keep' | 'drop';
  note: string;
  decided_by: string;
  decided_at: Timestamp;
}

export interface MigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface Database {
  studies: StudiesTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  waves: WavesTable;
  channels: ChannelsTable;
  responses: ResponsesTable;
  page_saves: PageSavesTable;
  page_drafts: PageDraftsTable;
  retired_sessions: RetiredSessionsTable;
  invitations: InvitationsTable;
  panelists: PanelistsTable;
  erasures: ErasuresTable;
  quality_rules: QualityRulesTable;
  quality_flags: QualityFlagsTable;
  quality_overrides: QualityOverridesTable;
  longitude_migrations: MigrationsTable;
}
