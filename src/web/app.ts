/**
 * The HTTP application, built by a function that takes its dependencies. Handlers only
 * translate requests; the work is in the fieldwork services.
 *
 * Privacy: Fastify's default request log carries the client's address and the host; the
 * serializers below log only method, route and status, so no IP address or user agent is
 * ever written (DESIGN.md, "Identity and safety model").
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config/config.js';
import { getStudySummary, listStudySummaries } from '../fieldwork/studies.js';
import { isProblem } from '../problems/problem.js';
import type { Store } from '../store/database.js';
import { homePage } from './pages/home.js';
import { httpStatus } from './problem-status.js';

export interface AppDependencies {
  store: Store;
  logLevel: LogLevel;
  /** Where log lines go; tests capture them to check that nothing identifying is written. */
  logStream?: NodeJS.WritableStream;
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

  app.setErrorHandler((thrown, _request, reply) => {
    const error = thrown as Error & { statusCode?: number };
    if (isProblem(error)) {
      const status = httpStatus(error.code);
      if (status >= 500) app.log.error({ code: error.code, message: error.message });
      return reply
        .status(status)
        .send({ code: error.code, message: error.message, place: error.place });
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply.status(status).send({ code: 'input.invalid', message: error.message });
    app.log.error({ err: { type: error.name, message: error.message, stack: error.stack } });
    return reply
      .status(500)
      .send({ code: 'internal', message: 'Something went wrong on the server.' });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ code: 'not-found', message: 'There is nothing at this address.' }),
  );

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
