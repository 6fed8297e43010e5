// A respondent over real HTTP (fetch), for crash trials and load: keeps cookies, reads forms,
// answers the example's wave 1 page by page, and reports each acknowledged save.
import { wave1Answers } from '../test/fixtures/wave-1-answers.js';
import { parseForms } from '../test/support/respondent.js';

export class HttpRespondent {
  private cookies = new Map<string, string>();
  body = '';
  status = 0;

  constructor(private readonly base: string) {}

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    fields?: [string, string][],
  ): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method,
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: fields ? new URLSearchParams(fields).toString() : undefined,
    });
    this.keep(res);
    this.status = res.status;
    this.body = await res.text();
    return res;
  }

  async follow(res: Response): Promise<void> {
    let r = res;
    while (r.status === 303) r = await this.request('GET', r.headers.get('location')!);
  }

  async begin(path: string): Promise<void> {
    await this.follow(await this.request('GET', path));
    const start = parseForms(this.body)[0]!;
    await this.follow(
      await this.request('POST', start.action, [...start.fields, ['consent', 'yes']]),
    );
  }

  /**
   * Answers the page shown now. Returns the save id when the server acknowledged the save
   * (a 303 after commit, to the next page), undefined when the page was shown again (answers
   * with problems or new questions are also answered by a 303, to the same page) or the
   * request failed.
   */
  async answerCurrent(): Promise<string | undefined> {
    const form = parseForms(this.body).find((f) => f.fields.some(([k]) => k === '_page'));
    if (!form) return undefined;
    const page = form.fields.find(([k]) => k === '_page')![1];
    const saveId = form.fields.find(([k]) => k === '_save')![1];
    const answers = wave1Answers.find(([p]) => p === page)?.[1] ?? {};
    const fields: [string, string][] = [...form.fields, ['_action', 'next']];
    for (const [k, v] of Object.entries(answers)) for (const x of [v].flat()) fields.push([k, x]);
    const res = await this.request('POST', form.action, fields);
    if (res.status !== 303) return undefined;
    await this.follow(res);
    const shown = parseForms(this.body).find((f) => f.fields.some(([k]) => k === '_page'));
    return shown?.fields.find(([k]) => k === '_page')?.[1] === page ? undefined : saveId;
  }

  finished(): boolean {
    return !parseForms(this.body).some((f) => f.fields.some(([k]) => k === '_page'));
  }
}
