/**
 * Page saves per second under many concurrent respondents, measured with autocannon against
 * a running server: each connection is one respondent who saves a page again and again, each
 * time with a new save id (a real insert into the page log and an update of the response).
 */
import autocannon from 'autocannon';
import { parseForms } from '../test/support/respondent.js';
import { HttpRespondent } from './http-respondent.js';

export interface SaveLoad {
  connections: number;
  savesPerSecond: number;
  medianMs: number;
  p99Ms: number;
  errors: number;
  non303: number;
}

export interface Prepared {
  cookie: string;
  fields: [string, string][];
  action: string;
}

/**
 * Respondents who have started and stand on the first question page. New responses from one
 * network are rate-limited (300 an hour by default), so prepare them once per server.
 */
export async function prepareRespondents(base: string, n: number): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (let i = 0; i < n; i++) {
    const r = new HttpRespondent(base);
    await r.begin('/s/exile-panel/wave-1/c/noda?lang=en');
    const form = parseForms(r.body).find((f) => f.fields.some(([k]) => k === '_page'))!;
    out.push({
      cookie: r.cookieHeader(),
      fields: [
        ...form.fields.filter(([k]) => k !== '_save'),
        ['_action', 'next'],
        ['migration_status', 'planning'],
      ],
      action: form.action,
    });
  }
  return out;
}

/** Each of the first `connections` respondents saves pages over its own connection. */
export async function measurePageSaves(
  base: string,
  prepared: readonly Prepared[],
  connections: number,
  seconds: number,
): Promise<SaveLoad> {
  if (prepared.length < connections)
    throw new Error(`${connections} connections need as many respondents, not ${prepared.length}`);
  const respondents = prepared.slice(0, connections);
  let next = 0;
  let serial = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: respondents[0]!.action,
        setupRequest: (req: autocannon.Request, context: object) => {
          const c = context as { r?: Prepared };
          c.r ??= respondents[next++ % respondents.length]!;
          const r = c.r;
          const body = new URLSearchParams([
            ...r.fields,
            ['_save', `bench-${process.pid}-${serial++}`],
          ]).toString();
          return {
            ...req,
            path: r.action,
            headers: { cookie: r.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body,
          };
        },
      },
    ],
  });
  return {
    connections,
    savesPerSecond: Math.round(result.requests.average),
    medianMs: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non303: result.non2xx - (result['3xx'] ?? 0),
  };
}
