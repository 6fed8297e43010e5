// The deployment the README describes: `longitude serve` behind a reverse proxy (Debian's
// nginx, started by this test with its own configuration in a temporary folder). Respondents
// reach nginx from many addresses (loopback has 2^24 of them to connect from); nginx passes each
// one on in X-Forwarded-For and says the request came as https. The server believes only the
// proxy's own address (nginx connects from 127.0.0.2), so a client that reaches the server
// directly cannot pretend to be another network or to use https.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, startServer, type ServerProcess } from '../bench/server-process.js';
import { parseForms } from './support/respondent.js';

const root = path.resolve(import.meta.dirname, '..');
const nginxBinary = '/usr/sbin/nginx';
const token = 'a-research-token-of-the-owner-0123456789';

let dir: string;
let server: ServerProcess;
let nginx: ChildProcess;
let proxyPort: number;
let serverPort: number;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection from `from` (a loopback address) to `port`. */
function request(
  port: number,
  from: string,
  method: 'GET' | 'POST',
  url: string,
  o: {
    cookies?: Map<string, string>;
    form?: [string, string][];
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
  const headers: Record<string, string> = { ...o.headers };
  if (o.cookies?.size) headers.cookie = [...o.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, localAddress: from, headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair] = c.split(';');
            const at = pair!.indexOf('=');
            o.cookies?.set(pair!.slice(0, at), pair!.slice(at + 1));
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A respondent at one address: the start page, then consent. */
async function start(port: number, from: string) {
  const cookies = new Map<string, string>();
  const page = await request(port, from, 'GET', '/s/exile-panel/wave-1?lang=en', { cookies });
  expect(page.status).toBe(200);
  const form = parseForms(page.body)[0]!;
  const sent = await request(port, from, 'POST', form.action, {
    cookies,
    form: [...form.fields, ['consent', 'yes']],
  });
  return { page, sent, cookies };
}

/** Types a code into the start page's resume box. */
async function resume(port: number, from: string, code: string) {
  const cookies = new Map<string, string>();
  const page = await request(port, from, 'GET', '/s/exile-panel/wave-1?lang=en', { cookies });
  const form = parseForms(page.body).find((f) => f.action.endsWith('/resume'))!;
  return request(port, from, 'POST', form.action, {
    cookies,
    form: [...form.fields, ['code', code]],
  });
}

/** Two words that differ for every k: guesses that share no prefix. */
const words = (k: number) => {
  const w = k.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
  return `w${w} o${w}`;
};

/** The n-th client address (n < 65,000): 127.1.x.y, none of them the proxy's. */
const client = (n: number) => `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-proxy-'));
  server = await startServer(
    {
      LONGITUDE_DATA: path.join(dir, 'data'),
      HOST: '127.0.0.1',
      // Only the proxy's address is believed; the public address is left unset, so https is
      // known only from the proxy's X-Forwarded-Proto.
      LONGITUDE_TRUST_PROXY: '127.0.0.2',
      LONGITUDE_RESEARCH_TOKEN: token,
      // Every request is logged, so that the log can be searched for addresses.
      LONGITUDE_LOG_LEVEL: 'info',
    },
    ['--example'],
  );
  serverPort = Number(new URL(server.url).port);
  proxyPort = await freePort();
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(path.join(dir, d));
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://127.0.0.1:${serverPort};
      proxy_bind 127.0.0.2;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # This proxy speaks plain http on loopback; a real one ends TLS and sends $scheme.
      proxy_set_header X-Forwarded-Proto https;
    }
  }
}
`,
  );
  nginx = spawn(nginxBinary, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  nginx.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  for (let k = 0; ; k++) {
    const up = await request(proxyPort, '127.0.0.1', 'GET', '/health').catch(() => undefined);
    if (up?.status === 200) break;
    if (k > 100 || nginx.exitCode !== null)
      throw new Error(
        `nginx did not start:\n${output}\n${await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 300_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx.once('exit', resolve));
    nginx.kill('SIGQUIT');
    await exited;
  }
  if (server) await kill(server, 'SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('behind a reverse proxy', () => {
  it('counts each forwarded client as its own network: 320 starts from 256 addresses, none refused', async () => {
    const statuses = new Map<number, number>();
    for (let k = 0; k < 320; k++) {
      const { sent } = await start(proxyPort, client(k % 256));
      statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
      expect(sent.headers.location, sent.body.slice(0, 300)).toMatch(/\/page$/);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 303: 320 });
  }, 240_000);

  it('still limits one address: its 301st start in the hour is refused, another address goes on', async () => {
    const one = client(1000);
    for (let k = 0; k < 300; k++) expect((await start(proxyPort, one)).sent.status).toBe(303);
    const refused = await start(proxyPort, one);
    expect(refused.sent.status).toBe(429);
    expect(refused.sent.body).toContain('Too many');
    expect((await start(proxyPort, client(1001))).sent.status).toBe(303);
  }, 240_000);

  it('lets no guesser at one address lock out a respondent at another', async () => {
    const respondent = await start(proxyPort, client(2000));
    const first = await request(proxyPort, client(2000), 'GET', respondent.sent.headers.location!, {
      cookies: respondent.cookies,
    });
    const code = /<strong>([a-z]+(?: [a-z]+){5})<\/strong>/.exec(first.body)?.[1];
    expect(code, first.body.slice(0, 2000)).toBeDefined();
    const guesser = client(2001);
    const answers: number[] = [];
    for (let k = 0; k < 40; k++)
      answers.push(
        (await resume(proxyPort, guesser, `${words(k)} able about above absent`)).status,
      );
    // The guesser's own network is held at 20 attempts per 10 minutes.
    expect(answers.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(answers.slice(20).every((s) => s === 429)).toBe(true);
    const back = await resume(proxyPort, client(2002), code!);
    expect(back.status).toBe(303);
    expect(back.headers.location).toMatch(/\/page$/);
  }, 120_000);

  it('marks cookies Secure and sends HSTS and the permissions policy for requests that came as https', async () => {
    const { page, sent } = await start(proxyPort, client(3000));
    for (const answer of [page, sent]) {
      expect(answer.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(answer.headers['permissions-policy']).toContain('camera=()');
      const cookies = answer.headers['set-cookie'] ?? [];
      expect(cookies.length).toBeGreaterThan(0);
      for (const c of cookies) expect(c, c).toMatch(/;\s*Secure/i);
    }
  });

  it('believes no forwarded header from a client that reaches the server directly', async () => {
    const forged = { 'x-forwarded-proto': 'https' };
    const page = await request(serverPort, '127.0.0.1', 'GET', '/s/exile-panel/wave-1?lang=en', {
      headers: forged,
    });
    expect(page.headers).not.toHaveProperty('strict-transport-security');
    expect(page.headers['permissions-policy']).toContain('microphone=()');
    for (const c of page.headers['set-cookie'] ?? []) expect(c, c).not.toMatch(/Secure/i);
    // A new X-Forwarded-For on every guess does not make a new network.
    const answers: number[] = [];
    for (let k = 0; k < 21; k++) {
      const cookies = new Map<string, string>();
      const headers = { 'x-forwarded-for': `198.51.100.${k + 1}` };
      const p = await request(serverPort, '127.0.0.3', 'GET', '/s/exile-panel/wave-1?lang=en', {
        cookies,
        headers,
      });
      const form = parseForms(p.body).find((f) => f.action.endsWith('/resume'))!;
      const r = await request(serverPort, '127.0.0.3', 'POST', form.action, {
        cookies,
        headers,
        form: [...form.fields, ['code', `${words(k)} zoo zoo zoo zoo`]],
      });
      answers.push(r.status);
    }
    expect(answers.at(-1)).toBe(429);
  });

  it('keeps the research side for the token holder, and says only that the server is up', async () => {
    for (const url of ['/', '/api/studies', '/api/studies/exile-panel']) {
      const refused = await request(proxyPort, client(4000), 'GET', url);
      expect(refused.status, url).toBe(401);
      expect(refused.body).not.toContain('exile-panel');
      const answered = await request(proxyPort, client(4000), 'GET', url, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answered.status, url).toBe(200);
      expect(answered.body).toContain('exile-panel');
    }
    const health = await request(proxyPort, client(4000), 'GET', '/health');
    expect(JSON.parse(health.body)).toEqual({ ok: true });
  });

  it('writes no client address to its output', () => {
    expect(server.output()).not.toMatch(/127\.1\.\d+\.\d+|198\.51\.100/);
  });
});
