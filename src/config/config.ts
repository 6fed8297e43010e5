/**
 * The one module that reads the environment. Every setting is validated with zod here and
 * nowhere else; a bad value stops start-up with a sentence naming the variable.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { Problem } from '../problems/problem.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/longitude',
    })
    .optional(),
  LONGITUDE_DATA: z.string().trim().min(1, 'must name a folder').default('./longitude-data'),
  LONGITUDE_SECRET_FILE: z.string().trim().min(1, 'must name a file').optional(),
  PORT: z.coerce
    .number({ message: 'must be a whole number between 0 and 65535' })
    .int('must be a whole number between 0 and 65535')
    .min(0, 'must be a whole number between 0 and 65535')
    .max(65535, 'must be a whole number between 0 and 65535')
    .default(3000),
  HOST: z.string().trim().min(1, 'must name an interface such as 127.0.0.1').default('127.0.0.1'),
  LONGITUDE_PUBLIC_URL: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), {
      message: 'must be the address respondents use, such as https://survey.example.org',
    })
    .optional(),
  LONGITUDE_SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\/[^\s/]+/.test(v), {
      message: 'must be an SMTP URL such as smtp://user:password@mail.example.org:587',
    })
    .optional(),
  LONGITUDE_TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const proxy = parseTrustProxy(v);
      if (proxy === undefined)
        ctx.addIssue({
          code: 'custom',
          message:
            'must be the number of proxies in front of the server (1 to 10) or their addresses, such as 127.0.0.1 or 10.0.0.0/8,::1',
        });
      return proxy ?? z.NEVER;
    })
    .optional(),
  LONGITUDE_RESEARCH_TOKEN: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters (make one with: openssl rand -base64 32)')
    .refine((v) => /^[\x21-\x7e]+$/.test(v), {
      message: 'must be printable ASCII without spaces (make one with: openssl rand -base64 32)',
    })
    .optional(),
  LONGITUDE_LOG_LEVEL: z
    .enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` })
    .default('info'),
  LONGITUDE_WORKERS: z.coerce
    .number({ message: 'must be a whole number between 1 and 64' })
    .int('must be a whole number between 1 and 64')
    .min(1, 'must be a whole number between 1 and 64')
    .max(64, 'must be a whole number between 1 and 64')
    .default(1),
  LONGITUDE_EMPTY: z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }).default('0'),
  LONGITUDE_DEMO_N1: z.coerce
    .number({ message: 'must be a whole number of at least 50' })
    .int('must be a whole number of at least 50')
    .min(50, 'must be a whole number of at least 50')
    .default(2270),
  LONGITUDE_DEMO_N2: z.coerce
    .number({ message: 'must be a whole number of at least 50' })
    .int('must be a whole number of at least 50')
    .min(50, 'must be a whole number of at least 50')
    .default(2830),
});

export type LogLevel = (typeof logLevels)[number];

/**
 * Which proxies the server believes about the client's address (X-Forwarded-For) and scheme
 * (X-Forwarded-Proto): the number of proxies in front of it, or the proxies' own addresses.
 */
export type TrustProxy = { hops: number } | { addresses: string[] };

const secrets = new Set(['LONGITUDE_RESEARCH_TOKEN']);

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A number of hops (1 to 10) or a comma-separated list of addresses and CIDR ranges. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? { hops } : undefined;
  }
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const valid = (a: string): boolean => {
    if (proxyNames.has(a)) return true;
    const [ip, bits, ...rest] = a.split('/');
    const family = isIP(ip ?? '');
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  };
  return addresses.length > 0 && addresses.every(valid) ? { addresses } : undefined;
}

export interface Config {
  /** Absent: the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * The server secret's file (made on the first start, mode 0600): keys the stored device
   * hashes. Every server process of one survey must read the same file. Default: in dataDir.
   */
  secretFile: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Server processes sharing the port (PostgreSQL only). */
  workers: number;
  /** The address respondents use, for printing links; absent: http://HOST:PORT. */
  publicUrl: string;
  /** True when the public address was given, not derived from HOST and PORT. */
  publicUrlGiven: boolean;
  /** Proxies whose forwarded client address and scheme are believed; absent: none. */
  trustProxy: TrustProxy | undefined;
  /**
   * The token the research routes (`/`, `/api/studies…`) require; absent: they answer 404.
   * Never printed or logged.
   */
  researchToken: string | undefined;
  /** The SMTP server that sends invitations, when mail is sent. */
  smtpUrl: string | undefined;
  /** Start with the example study but no simulated data (npm start's first run). */
  empty: boolean;
  /** Responses the first run simulates in each wave of the example (returning panelists included). */
  demoSizes: { n1: number; n2: number };
}

/** Settings given as command flags win over the environment; both pass the same checks. */
export type ConfigOverrides = Partial<Record<keyof z.input<typeof schema>, string | undefined>>;

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = overrides[key as keyof ConfigOverrides] ?? env[key];
    // An empty variable counts as unset, as shells and .env files often leave them.
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const sentences = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      // A secret is never repeated back: error messages end up in terminals and logs.
      const got = secrets.has(name) ? '' : ` (got ${JSON.stringify(raw[name])})`;
      return `${name} ${issue.message}${got}.`;
    });
    throw new Problem('config.invalid', sentences.join(' '), {
      field: String(parsed.error.issues[0]?.path[0] ?? ''),
    });
  }
  const v = parsed.data;
  return {
    databaseUrl: v.DATABASE_URL,
    dataDir: path.resolve(v.LONGITUDE_DATA),
    secretFile: path.resolve(
      v.LONGITUDE_SECRET_FILE ?? path.join(v.LONGITUDE_DATA, 'server-secret'),
    ),
    port: v.PORT,
    host: v.HOST,
    logLevel: v.LONGITUDE_LOG_LEVEL,
    workers: v.LONGITUDE_WORKERS,
    publicUrl: (v.LONGITUDE_PUBLIC_URL ?? `http://${v.HOST}:${v.PORT}`).replace(/\/$/, ''),
    publicUrlGiven: v.LONGITUDE_PUBLIC_URL !== undefined,
    trustProxy: v.LONGITUDE_TRUST_PROXY,
    researchToken: v.LONGITUDE_RESEARCH_TOKEN,
    smtpUrl: v.LONGITUDE_SMTP_URL,
    empty: v.LONGITUDE_EMPTY === '1' || v.LONGITUDE_EMPTY === 'true',
    demoSizes: { n1: v.LONGITUDE_DEMO_N1, n2: v.LONGITUDE_DEMO_N2 },
  };
}
