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
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import type { LogLevel } from '../config/config.js';
import { getStudySummary, listStudySummaries } from '../fieldwork/studies.js';
import { isProblem } from '../problems/problem.js';
import type { Store } from '../store/database.js';
import { homePage } from './pages/home.js';
import { httpStatus } from './problem-status.js';
import { DailyKeyedHash } from '../security/keyed-hash.js';
import { RateLimiter } from '../security/rate-limit.js';
import { ProofOfWork, proofOfWorkScriptHash } from '../security/proof-of-work.js';
import { derivedKey } from '../security/server-secret.js';
import { Signer } from '../security/signed.js';
import { secureRandomBytes, type RandomBytes } from '../security/tokens.js';
import { cssHash } from './survey/layout.js';
import { formProblemPage, surveyRoutes } from './survey/routes.js';

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
  const app = Fastify({
    logger: loggerOptions(deps.logLevel, deps.logStream),
    trustProxy: false,
    bodyLimit: 64 * 1024,
  });
  const { db } = deps.store;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? secureRandomBytes;

  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 512 });
  // Security headers, built once (the Fastify plugin rebuilds them on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: [cssHash],
        scriptSrc: [proofOfWorkScriptHash],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // No cross-origin isolation headers: respondents open links inside messaging apps.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(csrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax' } });

  app.setErrorHandler((thrown, request, reply) => {
    const error = thrown as Error & { statusCode?: number };
    const respondent = /^\/(s|i)\//.test(request.url);
    if (isProblem(error)) {
      const status = httpStatus(error.code);
      if (status >= 500) app.log.error({ code: error.code, message: error.message });
      return reply
        .status(status)
        .send({ code: error.code, message: error.message, place: error.place });
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Respondents get a page in their language that tells them what to do, not JSON.
      if (respondent)
        return reply.status(status).type('text/html; charset=utf-8').send(formProblemPage(request));
      return reply.status(status).send({ code: 'input.invalid', message: error.message });
    }
    app.log.error({ err: { type: error.name, message: error.message, stack: error.stack } });
    return reply
      .status(500)
      .send({ code: 'internal', message: 'Something went wrong on the server.' });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ code: 'not-found', message: 'There is nothing at this address.' }),
  );

  await app.register(surveyRoutes, {
    fieldwork: { db, now, random },
    signer: new Signer(deps.secrets?.signing ?? random(32)),
    networkHash: new DailyKeyedHash(random, now),
    newResponses: new RateLimiter(deps.newResponsesPerHour ?? 300, 3600_000, now),
    resumeAttempts: new RateLimiter(deps.resumeAttemptsPer10Minutes ?? 20, 600_000, now),
    minPageMs: deps.minPageMs ?? 2000,
    proofOfWork: new ProofOfWork(deps.secrets?.proofOfWork ?? random(32)),
    deviceKey: derivedKey(deps.serverSecret ?? random(32), 'device-hash'),
  });

  app.get('/health', async () => ({ ok: true, database: deps.store.kind }));
  app.get('/api/studies', async () => ({ studies: await listStudySummaries(db) }));
  app.get<{ Params: { study: string } }>('/api/studies/:study', async (request) =>
    getStudySummary(db, request.params.study),
  );
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(homePage(await listStudySummaries(db))),
  );
  return app;
}
