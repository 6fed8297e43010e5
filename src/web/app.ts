/**
 * The HTTP application, built by a function that takes its dependencies. Handlers only
 * translate requests; the work is in the fieldwork services.
 *
 * Privacy: Fastify's default request log carries the client's address and the host; the
 * serializers below log only method, route and status, so no IP address or user agent is
 * ever written (DESIGN.md, "Identity and safety model").
 */
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import helmet from 'helmet';
import type { LogLevel, TrustProxy } from '../config/config.js';
import { getStudySummary, listStudySummaries } from '../fieldwork/studies.js';
import { isProblem } from '../problems/problem.js';
import type { Store } from '../store/database.js';
import { faviconRoutes } from './favicon.js';
import { homePage, researchOffPage, researchPagePolicy, signInPage } from './pages/home.js';
import { httpStatus } from './problem-status.js';
import { DailyKeyedHash } from '../security/keyed-hash.js';
import { RateLimiter } from '../security/rate-limit.js';
import { CodeAttemptLimits } from '../security/resume-limits.js';
import { researchCookieValue, sameSecret } from '../security/research-token.js';
import { ProofOfWork, proofOfWorkScriptHash } from '../security/proof-of-work.js';
import { derivedKey } from '../security/server-secret.js';
import { Signer } from '../security/signed.js';
import { secureRandomBytes, type RandomBytes } from '../security/tokens.js';
import { followUpScriptHash } from './survey/follow-up-script.js';
import { cssHash } from './survey/layout.js';
import { sendNotFound } from './survey/problem-pages.js';
import { formInputPage } from './survey/form-body.js';
import { formProblemPage, surveyRoutes } from './survey/routes.js';

/** The addresses respondents open: surveys, personal links, opting out of invitations. */
const respondentAddress = /^\/(s|i|o)\//;

export interface AppDependencies {
  store: Store;
  logLevel: LogLevel;
  /** The clock and randomness; tests pass their own. */
  now?: () => Date;
  random?: RandomBytes;
  /** A page saved sooner than this after it was shown is a quality signal (default 2 s). */
  minPageMs?: number;
  /** New responses allowed per network per hour (default 300: many people share a VPN exit). */
  newResponsesPerHour?: number;
  /** Resume-code attempts allowed per network per 10 minutes (default 20). */
  resumeAttemptsPer10Minutes?: number;
  /** Resume-code attempts allowed per code prefix (first two words) per 10 minutes (default 20). */
  resumeAttemptsPerPrefixPer10Minutes?: number;
  /** Settings from the configuration (src/config/config.ts); absent: local use over http. */
  web?: WebSettings;
  /** Where log lines go; tests capture them to check that nothing identifying is written. */
  logStream?: NodeJS.WritableStream;
  /**
   * Keys for signing form timings and proof-of-work challenges. Absent: fresh random keys in
   * this process's memory. Several server processes share one set, given by the first process
   * (never written anywhere), so that a form shown by one is verified by another.
   */
  secrets?: ServerSecrets;
  /**
   * The server secret (see security/server-secret.ts), which keys the stored device hashes.
   * Absent: a fresh random one in this process's memory (tests).
   */
  serverSecret?: Uint8Array;
}

export interface WebSettings {
  /** The address respondents use; https makes every cookie Secure and sends HSTS. */
  publicUrl?: string;
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy?: TrustProxy;
  /** The token the research routes require; absent: they answer 404. */
  researchToken?: string;
}

export interface ServerSecrets {
  signing: Uint8Array;
  proofOfWork: Uint8Array;
}

export function loggerOptions(
  level: LogLevel,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    // No hostname or pid on each line: nothing about machines in the log, only what happened.
    base: null,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? 'unmatched',
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const web = deps.web ?? {};
  const app = Fastify({
    logger: loggerOptions(deps.logLevel, deps.logStream),
    trustProxy: trustedProxies(web.trustProxy),
    bodyLimit: 64 * 1024,
  });
  const httpsPublic = web.publicUrl?.startsWith('https://') === true;
  const { db } = deps.store;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? secureRandomBytes;

  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 512 });
  // Security headers, built once (the Fastify plugin rebuilds them on every request): with HSTS
  // for answers served as https, without for plain http (local use on a laptop).
  const headerOptions = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: [cssHash],
        scriptSrc: [proofOfWorkScriptHash, followUpScriptHash],
        // The follow-up script asks this server which questions apply.
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // No cross-origin isolation headers: respondents open links inside messaging apps.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' as const },
  };
  const httpsHeaders = helmet(headerOptions);
  const httpHeaders = helmet({ ...headerOptions, strictTransportSecurity: false });
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('permissions-policy', permissionsPolicy);
    const headers = httpsPublic || request.protocol === 'https' ? httpsHeaders : httpHeaders;
    headers(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  // Secure cookies whenever respondents come over https: always when the public address is
  // https, else when this request came as https (directly or through a trusted proxy).
  const secure = httpsPublic ? true : ('auto' as const);
  await app.register(cookie, { parseOptions: { secure } });
  // A null character in an address leads nowhere (PostgreSQL text cannot hold one).
  app.addHook('onRequest', async (request, reply) => {
    const params = Object.values((request.params ?? {}) as Record<string, unknown>);
    if (params.some((p) => typeof p === 'string' && p.includes('\0'))) return reply.callNotFound();
  });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(csrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure } });

  app.setErrorHandler((thrown, request, reply) => {
    const error = thrown as Error & { statusCode?: number };
    const respondent = respondentAddress.test(request.url);
    if (isProblem(error)) {
      const status = httpStatus(error.code);
      if (status >= 500) app.log.error({ code: error.code, message: error.message });
      // Respondents never see a problem's text (it may be a database's): a page in their language.
      if (respondent)
        return reply
          .status(status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(formInputPage(request));
      return reply
        .status(status)
        .send({ code: error.code, message: error.message, place: error.place });
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Respondents get a page in their language that tells them what to do, not JSON.
      if (respondent)
        return reply
          .status(status)
          .type('text/html; charset=utf-8')
          .send(formProblemPage(request, status));
      return reply.status(status).send({ code: 'input.invalid', message: error.message });
    }
    app.log.error({ err: { type: error.name, message: error.message, stack: error.stack } });
    return reply
      .status(500)
      .send({ code: 'internal', message: 'Something went wrong on the server.' });
  });
  app.setNotFoundHandler((request, reply) =>
    // Respondents get a page in their language; research and API addresses keep JSON.
    respondentAddress.test(request.url)
      ? sendNotFound(db, request, reply)
      : reply.status(404).send({ code: 'not-found', message: 'There is nothing at this address.' }),
  );

  const networkHash = new DailyKeyedHash(random, now);
  await app.register(surveyRoutes, {
    fieldwork: { db, now, random },
    signer: new Signer(deps.secrets?.signing ?? random(32)),
    networkHash,
    newResponses: new RateLimiter(deps.newResponsesPerHour ?? 300, 3600_000, now),
    resumeAttempts: new CodeAttemptLimits(
      networkHash,
      new RateLimiter(deps.resumeAttemptsPer10Minutes ?? 20, 600_000, now),
      new RateLimiter(deps.resumeAttemptsPerPrefixPer10Minutes ?? 20, 600_000, now),
    ),
    secureCookies: httpsPublic,
    minPageMs: deps.minPageMs ?? 2000,
    proofOfWork: new ProofOfWork(deps.secrets?.proofOfWork ?? random(32)),
    deviceKey: derivedKey(deps.serverSecret ?? random(32), 'device-hash'),
  });

  faviconRoutes(app);
  // Only that the server is up: nothing about its database or its studies.
  app.get('/health', async () => ({ ok: true }));
  if (web.researchToken) await researchRoutes(app, db, web.researchToken, secure);
  else
    app.get('/', async (_request, reply) =>
      reply
        .status(404)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', researchPagePolicy)
        .send(researchOffPage()),
    );
  return app;
}

/**
 * Fastify's setting for the proxies to believe. A number of hops is given as a function:
 * Fastify itself ignores a bare number (it cannot tell a proxy from a client that sends
 * X-Forwarded-For itself), so with hops the server must be reachable only through its proxies
 * (HOST=127.0.0.1, the default). The client's address is only ever counted under a daily
 * keyed hash (security/network.ts), never kept.
 */
function trustedProxies(trust: TrustProxy | undefined): FastifyServerOptions['trustProxy'] {
  if (!trust) return false;
  if ('addresses' in trust) return trust.addresses;
  const hops = trust.hops;
  return (_address: string, hop: number) => hop < hops;
}

/** Powerful features no Longitude page uses, denied to every page and anything it embeds. */
const permissionsPolicy = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

const researchCookie = 'lg_research';

/**
 * The research side (studies, channels, counts) until the research team's application exists:
 * only for whoever has the owner's token, sent as `Authorization: Bearer TOKEN`, or typed once
 * into the sign-in form, which leaves a cookie derived from it for the pages. Without a
 * configured token these routes do not exist (404).
 */
async function researchRoutes(
  app: FastifyInstance,
  db: Store['db'],
  token: string,
  secure: true | 'auto',
): Promise<void> {
  const cookieValue = researchCookieValue(token);
  const allowed = (request: FastifyRequest): boolean => {
    const header = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (header !== undefined) return sameSecret(header, token);
    const cookieGiven = request.cookies[researchCookie];
    return cookieGiven !== undefined && sameSecret(cookieGiven, cookieValue);
  };
  const refuse = (reply: FastifyReply) =>
    reply.status(401).header('www-authenticate', 'Bearer realm="longitude"').send({
      code: 'research.token-required',
      message:
        'This address is for the research team: send the research token (LONGITUDE_RESEARCH_TOKEN) as Authorization: Bearer TOKEN.',
    });
  const page = (reply: FastifyReply, status: number, text: string) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', researchPagePolicy)
      .send(text);

  app.get('/api/studies', async (request, reply) =>
    allowed(request)
      ? reply.header('cache-control', 'no-store').send({ studies: await listStudySummaries(db) })
      : refuse(reply),
  );
  app.get<{ Params: { study: string } }>('/api/studies/:study', async (request, reply) =>
    allowed(request)
      ? reply
          .header('cache-control', 'no-store')
          .send(await getStudySummary(db, request.params.study))
      : refuse(reply),
  );
  app.get('/', async (request, reply) =>
    allowed(request)
      ? page(reply, 200, homePage(await listStudySummaries(db)))
      : page(reply, 401, signInPage(reply.generateCsrf(), false)),
  );
  app.post<{ Body: { token?: unknown } }>(
    '/sign-in',
    { preHandler: app.csrfProtection, bodyLimit: 4 * 1024 },
    async (request, reply) => {
      const given = typeof request.body?.token === 'string' ? request.body.token.trim() : '';
      if (!sameSecret(given, token))
        return page(reply, 401, signInPage(reply.generateCsrf(), true));
      reply.setCookie(researchCookie, cookieValue, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure,
        maxAge: 12 * 3600,
      });
      return reply.redirect('/', 303);
    },
  );
}
