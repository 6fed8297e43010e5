/**
 * What the quality rules read about a response, what they say about it, and what researchers
 * decide. Built by the fieldwork room from the database; nothing here touches it.
 */

export interface ResponseFacts {
  id: string;
  waveId: string;
  status: 'in_progress' | 'complete' | 'screened_out' | 'abandoned';
  /** 0..1 of applicable items. */
  completionShare: number;
  /** Sum of page times; null when unknown. */
  durationSeconds: number | null;
  /** Page id -> seconds from shown to saved (the page's last save). */
  pageSeconds: Record<string, number>;
  /** By variable name, as stored: numbers, strings, arrays for multiple choice. */
  answers: Record<string, unknown>;
  deviceHash: string | null;
  /** Counts: honeypot, too_fast_pages, pow_failed, missing_page_time. */
  signals: Record<string, number>;
}

/**
 * One rule's verdict on one response. `rule` is the rule's id in the file, `kind` its type;
 * `exclude` says whether the flag removes the response (some flags only inform, such as the
 * speeder sensitivity levels).
 */
export interface Flag {
  rule: string;
  kind: string;
  figure: number | string | null;
  threshold: number | string | null;
  reason: string;
  exclude: boolean;
}

/** A researcher's decision on a response, whatever its flags. */
export interface Override {
  responseId: string;
  decision: 'keep' | 'drop';
  note: string;
  by: string;
  at: string;
}
