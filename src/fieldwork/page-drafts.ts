/**
 * What a respondent typed on a page that was not saved, kept on the server for the next
 * showing of the page: the answer to every form post is then a redirect (post/redirect/get),
 * so the back button never asks to send a form again. Drafts are as sensitive as answers:
 * never in a cookie or a log, gone with the next save of the response, or within the hour.
 */
import { z } from 'zod';
import { applicability } from '../questionnaire/flow.js';
import type { Answers } from '../questionnaire/answers.js';
import { validatePage, type FormValues } from '../questionnaire/validate.js';
import { deletePageDraft, getPageDraft, putPageDraft } from '../store/queries/page-drafts.js';
import type { ResponseRow } from '../store/queries/responses.js';
import type { FieldworkContext } from './context.js';
import type { SurveyWave } from './survey-wave.js';
import { today } from './survey.js';

/** How long a draft is kept for the next showing of its page. */
export const draftSeconds = 3600;

const draftSchema = z.object({
  /** The values as the form held them; null: show the stored answers. */
  values: z.record(z.string(), z.array(z.string())).nullable(),
  problems: z.array(z.object({ variable: z.string(), message: z.string() })),
  /** Which notice the page shows, in the respondent's language when shown. */
  notice: z
    .enum(['more', 'not-applicable', 'not-reached', 'required-missing', 'expired'])
    .nullable(),
  /** Questions the answers opened on this page, the first of which the notice stands by. */
  newVariables: z.array(z.string()),
});

export type PageDraft = z.infer<typeof draftSchema>;

export async function keepDraft(
  ctx: FieldworkContext,
  response: ResponseRow,
  pageId: string,
  draft: PageDraft,
): Promise<void> {
  const now = ctx.now();
  await putPageDraft(ctx.db, {
    responseId: response.id,
    pageId,
    draft,
    now,
    expiresAt: new Date(now.getTime() + draftSeconds * 1000),
  });
}

/** The response's draft for this page, if it has one that has not expired. */
export async function draftFor(
  ctx: FieldworkContext,
  response: ResponseRow,
  pageId: string,
): Promise<PageDraft | undefined> {
  const row = await getPageDraft(ctx.db, response.id, ctx.now());
  if (!row || row.pageId !== pageId) return undefined;
  const parsed = draftSchema.safeParse(row.draft);
  return parsed.success ? parsed.data : undefined;
}

export async function dropDraft(ctx: FieldworkContext, response: ResponseRow): Promise<void> {
  await deletePageDraft(ctx.db, response.id);
}

/**
 * The variables of a page that apply given the values typed on it so far: the same
 * evaluation a save makes, so a script that shows follow-up questions at once shows exactly
 * those the server will then ask for.
 */
export function applicableOnPage(
  ctx: FieldworkContext,
  sw: SurveyWave,
  response: ResponseRow,
  pageIndex: number,
  form: FormValues,
): string[] {
  const q = sw.questionnaire;
  const flow = { today: today(ctx) };
  const before = response.answers as Answers;
  const applicableBefore = applicability(q, before, flow);
  if (!applicableBefore.pages.has(pageIndex)) return [];
  const checked = validatePage(
    q,
    pageIndex,
    form,
    before,
    { ...flow, language: response.language },
    applicableBefore,
  );
  const after = applicability(q, { ...before, ...checked.answers }, flow);
  return q.variables
    .filter((v) => v.pageIndex === pageIndex && after.variables.has(v.name))
    .map((v) => v.name);
}
