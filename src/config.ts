import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_SEED_LIMITS, type SeedLimits } from './db/seed-limits.js';

/**
 * Service configuration, read from the environment once at start-up.
 * Nothing else in the code base reads `process.env`: everything downstream
 * takes a typed `Config`, so tests can build apps with any settings.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `1500`, `30s`, `1 minute`, `2 hours` → milliseconds. */
const DURATION = /^(\d+)\s*(ms|milliseconds?|s|sec|seconds?|m|min|minutes?|h|hours?)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationToMs(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'ms').toLowerCase();
  const key = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0]!;
  return Number(match[1]) * UNIT_MS[key]!;
}

/** `1048576`, `512KB`, `10 MB`, `1GB` → bytes (1 KB = 1024 bytes). */
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|bytes?|kb?|kib|mb?|mib|gb?|gib)?$/i;
const UNIT_BYTES: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

const optionalSize = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const match = SIZE.exec(value);
      const bytes = match ? Math.floor(Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b')[0]!.toLowerCase()]!) : NaN;
      if (!(bytes >= 1)) {
        ctx.addIssue({ code: 'custom', message: `must be a size like 1048576, 512KB or 10MB, got "${value}"` });
        return z.NEVER;
      }
      return bytes;
    });

/** Deepest nesting a limit may allow: deeper trees overflow the stack of the parser's recursive steps. */
const MAX_NESTING = 1000;

const optionalText = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : value));

/** A positive duration in milliseconds (`fallback` when unset); `examples` go into the error message. */
const durationMs = (fallback: number, examples: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const ms = durationToMs(value);
      if (ms === undefined || ms < 1) {
        ctx.addIssue({ code: 'custom', message: `must be a duration like ${examples}, got "${value}"` });
        return z.NEVER;
      }
      return ms;
    });

const SeedLimitsSchema = {
  SEED_MAX_FILE_SIZE: optionalSize(DEFAULT_SEED_LIMITS.maxFileBytes),
  SEED_MAX_ANSWER_SIZE: optionalSize(DEFAULT_SEED_LIMITS.maxAnswerBytes),
  SEED_MAX_NESTING: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return DEFAULT_SEED_LIMITS.maxNesting;
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_NESTING) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from 1 to ${MAX_NESTING}, got "${value}"` });
        return z.NEVER;
      }
      return Number(value);
    }),
};

const EnvSchema = z.object({
  ...SeedLimitsSchema,
  PORT: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return 3000;
      const port = Number(value);
      if (!/^\d+$/.test(value) || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from 0 to 65535, got "${value}"` });
        return z.NEVER;
      }
      return port;
    }),
  HOST: optionalText('127.0.0.1'),
  DATABASE_PATH: optionalText('data/faq.db'),
  SEEDS_DIR: optionalText('seeds'),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return 'info' as const;
      if (!(LOG_LEVELS as readonly string[]).includes(value)) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${LOG_LEVELS.join(', ')}, got "${value}"` });
        return z.NEVER;
      }
      return value as (typeof LOG_LEVELS)[number];
    }),
  CORS_ORIGINS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): '*' | string[] => {
      if (value === undefined || value === '' || value === '*') return '*';
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
      // "," or " , " would otherwise allow no origin at all, silently.
      if (origins.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `lists no origin in "${value}"; give * or origins like https://example.com`,
        });
        return z.NEVER;
      }
      for (const origin of origins) {
        // An origin is scheme://host[:port] with nothing after it; a trailing
        // slash or path would never match the browser's Origin header.
        if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
          ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://example.com` });
        }
      }
      return origins;
    }),
  EMBED_ORIGINS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): '*' | string[] => {
      if (value === undefined || value === '') return [];
      if (value === '*') return '*';
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
      for (const origin of origins) {
        // CSP frame-ancestors takes origins; a path or a quote would break the header.
        if (!/^https?:\/\/[^/\s;,'"]+$/.test(origin)) {
          ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://lms.example.com` });
        }
      }
      return origins;
    }),
  RATE_LIMIT_MAX: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return 1000;
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        ctx.addIssue({ code: 'custom', message: `must be a positive integer, got "${value}"` });
        return z.NEVER;
      }
      return Number(value);
    }),
  RATE_LIMIT_WINDOW: durationMs(60_000, '60000, 30s or 1 minute'),
  RATE_LIMIT_REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      if (!/^rediss?:\/\/[^/\s]+(\/\d*)?$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `must be a URL like redis://host:6379, got "${value}"` });
        return z.NEVER;
      }
      return value;
    }),
  MAX_EVENT_LOOP_DELAY: durationMs(1000, '1000, 500ms or 2s'),
  WATCH_SEEDS: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '' || value === 'false' || value === '0') return false;
      if (value === 'true' || value === '1') return true;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${value}"` });
      return z.NEVER;
    }),
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): TrustProxy => {
      if (value === undefined || value === '' || value.toLowerCase() === 'false') return false;
      if (value.toLowerCase() === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      for (const entry of entries) {
        if (!isTrustedProxy(entry)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${entry}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
          });
        }
      }
      return entries;
    }),
});

/** proxy-addr's names for address ranges, accepted as they are. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address (`10.0.0.1`), a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a range name. */
function isTrustedProxy(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies in front of the service to believe about the client address
 * (X-Forwarded-For), as Fastify's `trustProxy` takes it: false (the socket's
 * peer is the client), true (every hop), a hop count, or addresses/ranges.
 */
export type TrustProxy = boolean | number | string[];

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  seedsDir: string;
  logLevel: LogLevel;
  /** `'*'` allows any origin; otherwise the exact origins allowed. */
  corsOrigins: '*' | string[];
  /** Per client; counted in Redis at redisUrl (shared by every replica) when set, else in memory. */
  rateLimit: { max: number; windowMs: number; redisUrl?: string };
  /**
   * Load shedding (@fastify/under-pressure): requests get 503 + Retry-After
   * while the event loop's mean delay over a sample exceeds maxEventLoopDelay
   * (MAX_EVENT_LOOP_DELAY); all in milliseconds but retryAfter (seconds).
   */
  loadShedding: { maxEventLoopDelay: number; sampleInterval: number; retryAfter: number };
  /**
   * Sites allowed to show /embed/search in an iframe (CSP frame-ancestors):
   * `'*'` any, otherwise these origins besides our own. Every other page
   * may not be framed at all.
   */
  embedOrigins: '*' | string[];
  /** Behind an ingress, the proxies whose X-Forwarded-For names the client (rate limits are per client). */
  trustProxy: TrustProxy;
  /** Re-seed and serve the new content when files under SEEDS_DIR change (WATCH_SEEDS; see src/live). */
  watchSeeds: boolean;
  /** What one seed file may hold (the server seeds at start when the database is stale). */
  seedLimits: SeedLimits;
}

/** Configuration is unusable; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Validate the environment into a typed `Config`.
 * @param env the variables to read, normally `process.env` (passed in by the caller).
 * @returns the config, with defaults: PORT 3000, HOST 127.0.0.1,
 *   DATABASE_PATH data/faq.db, SEEDS_DIR seeds, LOG_LEVEL info, CORS_ORIGINS *,
 *   RATE_LIMIT_MAX 1000 per RATE_LIMIT_WINDOW 1 minute, MAX_EVENT_LOOP_DELAY 1 s,
 *   TRUST_PROXY false, WATCH_SEEDS false, SEED_MAX_FILE_SIZE 10 MB,
 *   SEED_MAX_ANSWER_SIZE 1 MB, SEED_MAX_NESTING 100, EMBED_ORIGINS none (only our
 *   own pages may frame /embed/search).
 * @throws ConfigError naming every invalid variable at once.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const parsed = result.data;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databasePath: parsed.DATABASE_PATH,
    seedsDir: parsed.SEEDS_DIR,
    logLevel: parsed.LOG_LEVEL,
    corsOrigins: parsed.CORS_ORIGINS,
    rateLimit: {
      max: parsed.RATE_LIMIT_MAX,
      windowMs: parsed.RATE_LIMIT_WINDOW,
      ...(parsed.RATE_LIMIT_REDIS_URL === undefined ? {} : { redisUrl: parsed.RATE_LIMIT_REDIS_URL }),
    },
    loadShedding: { maxEventLoopDelay: parsed.MAX_EVENT_LOOP_DELAY, sampleInterval: 1000, retryAfter: 5 },
    embedOrigins: parsed.EMBED_ORIGINS,
    trustProxy: parsed.TRUST_PROXY,
    watchSeeds: parsed.WATCH_SEEDS,
    seedLimits: seedLimits(parsed),
  };
}

function seedLimits(parsed: { SEED_MAX_FILE_SIZE: number; SEED_MAX_ANSWER_SIZE: number; SEED_MAX_NESTING: number }) {
  return {
    maxFileBytes: parsed.SEED_MAX_FILE_SIZE,
    maxAnswerBytes: parsed.SEED_MAX_ANSWER_SIZE,
    maxNesting: parsed.SEED_MAX_NESTING,
  } satisfies SeedLimits;
}

/** The settings the seed step needs: the two paths, in the environment's own names, and the limits. */
export interface SeedConfig {
  SEEDS_DIR: string;
  DATABASE_PATH: string;
  limits: SeedLimits;
}

/**
 * Validate only what `npm run seed` reads, so a server-only variable (a bad
 * PORT, say) cannot stop a seed.
 * @throws ConfigError naming every invalid variable at once.
 */
export function loadSeedConfig(env: Record<string, string | undefined>): SeedConfig {
  const result = EnvSchema.pick({
    SEEDS_DIR: true,
    DATABASE_PATH: true,
    SEED_MAX_FILE_SIZE: true,
    SEED_MAX_ANSWER_SIZE: true,
    SEED_MAX_NESTING: true,
  }).safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const { SEEDS_DIR, DATABASE_PATH } = result.data;
  return { SEEDS_DIR, DATABASE_PATH, limits: seedLimits(result.data) };
}
