// A respondent's browser over Fastify's request injection: keeps cookies, reads the form on
// each page and submits it as a browser would (form-encoded, repeated keys for checkboxes).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Form {
  action: string;
  fields: [string, string][];
}

export class Respondent {
  cookies = new Map<string, string>();
  last!: LightMyRequestResponse;

  /** The server it talks to; a test may switch it between requests (several processes). */
  constructor(public app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(r: LightMyRequestResponse): void {
    for (const c of r.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    this.last = r;
  }

  async get(url: string, follow = true): Promise<LightMyRequestResponse> {
    const r = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
    });
    this.keep(r);
    if (follow && r.statusCode === 303) return this.get(r.headers.location as string);
    return r;
  }

  async post(
    url: string,
    fields: [string, string][],
    follow = true,
  ): Promise<LightMyRequestResponse> {
    const r = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    this.keep(r);
    if (follow && r.statusCode === 303) return this.get(r.headers.location as string);
    return r;
  }

  /** The forms of the last page, with their hidden fields. */
  forms(): Form[] {
    return parseForms(this.last.body);
  }

  /** Submits the questionnaire form of the last page with these answers. */
  async answer(
    answers: Record<string, string | string[]>,
    action: 'next' | 'back' = 'next',
    follow = true,
  ) {
    const form = this.forms().find((f) => f.fields.some(([k]) => k === '_page'));
    if (!form)
      throw new Error(`no questionnaire form on the page:\n${this.last.body.slice(0, 500)}`);
    const fields: [string, string][] = [...form.fields, ['_action', action]];
    for (const [k, v] of Object.entries(answers))
      for (const x of Array.isArray(v) ? v : [v]) fields.push([k, x]);
    return this.post(form.action, fields, follow);
  }

  /** The page id of the questionnaire page shown last. */
  pageId(): string | undefined {
    return /name="_page"\s+value="([^"]+)"/.exec(this.last.body)?.[1];
  }

  /** Names of the variables with inputs on the last page. */
  shownVariables(): string[] {
    return (/name="_vars"\s+value="([^"]*)"/.exec(this.last.body)?.[1] ?? '')
      .split(' ')
      .filter(Boolean);
  }
}

/** The post forms of a page, with their hidden fields. */
export function parseForms(body: string): Form[] {
  const out: Form[] = [];
  for (const m of body.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const hidden: [string, string][] = [];
    for (const tag of m[2]!.matchAll(/<input\s([^>]*?)\/?>/g)) {
      const attrs = Object.fromEntries(
        [...tag[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]),
      );
      if (attrs.type === 'hidden' && attrs.name)
        hidden.push([attrs.name, decode(attrs.value ?? '')]);
    }
    out.push({ action: decode(m[1]!), fields: hidden });
  }
  return out;
}

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}
