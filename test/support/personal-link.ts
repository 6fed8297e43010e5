// A personal link as a respondent uses it: opening it shows a start page (which changes
// nothing), and pressing its Start button uses the link.
import type { LightMyRequestResponse } from 'fastify';
import type { Respondent } from './respondent.js';

/** Opens the link and presses Start if the page has it; returns the page reached. */
export async function usePersonalLink(
  r: Respondent,
  token: string,
  query = '',
): Promise<LightMyRequestResponse> {
  await r.get(`/i/${token}${query}`);
  const start = r.forms().find((f) => f.action === `/i/${token}`);
  if (!start) return r.last;
  return r.post(start.action, start.fields);
}
