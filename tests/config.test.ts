import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadSeedConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/faq.db',
      seedsDir: 'seeds',
      logLevel: 'info',
      corsOrigins: '*',
      rateLimit: { max: 1000, windowMs: 60_000 },
      loadShedding: { maxEventLoopDelay: 1000, sampleInterval: 1000, retryAfter: 5 },
      embedOrigins: [],
      trustProxy: false,
      watchSeeds: false,
      seedLimits: { maxFileBytes: 10 * 1024 * 1024, maxAnswerBytes: 1024 * 1024, maxNesting: 100 },
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_PATH: '/data/faq.db',
        SEEDS_DIR: '/content',
        LOG_LEVEL: 'WARN',
        CORS_ORIGINS: 'https://a.example, http://localhost:5173',
        RATE_LIMIT_MAX: '50',
        RATE_LIMIT_WINDOW: '30s',
        MAX_EVENT_LOOP_DELAY: '500ms',
        TRUST_PROXY: '10.0.0.0/8',
        WATCH_SEEDS: 'true',
        SEED_MAX_FILE_SIZE: '64MB',
        SEED_MAX_ANSWER_SIZE: '512 kb',
        SEED_MAX_NESTING: '20',
        EMBED_ORIGINS: 'https://lms.example.edu, https://canvas.example.edu:8443',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/data/faq.db',
      seedsDir: '/content',
      logLevel: 'warn',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
      rateLimit: { max: 50, windowMs: 30_000 },
      loadShedding: { maxEventLoopDelay: 500, sampleInterval: 1000, retryAfter: 5 },
      embedOrigins: ['https://lms.example.edu', 'https://canvas.example.edu:8443'],
      trustProxy: ['10.0.0.0/8'],
      watchSeeds: true,
      seedLimits: { maxFileBytes: 64 * 1024 * 1024, maxAnswerBytes: 512 * 1024, maxNesting: 20 },
    });
  });

  it.each([
    ['SEED_MAX_FILE_SIZE', 'lots', 'must be a size like 1048576, 512KB or 10MB, got "lots"'],
    ['SEED_MAX_ANSWER_SIZE', '0', 'must be a size like 1048576, 512KB or 10MB, got "0"'],
    ['SEED_MAX_NESTING', '100000', 'must be an integer from 1 to 1000, got "100000"'],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`${name}: ${message}`);
  });

  it.each([
    ['false', false],
    ['TRUE', true],
    ['2', 2],
    ['127.0.0.1, 10.0.0.0/8 ,fd00::/8', ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
  ])('reads TRUST_PROXY=%s as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/8', '::1/129', 'yes'])(
    'refuses TRUST_PROXY=%s, naming the entry',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        `TRUST_PROXY: "${value}" is not an IP address, a CIDR range`,
      );
    },
  );

  it('reads EMBED_ORIGINS=* as any site, and refuses what is not an origin', () => {
    expect(loadConfig({ EMBED_ORIGINS: '*' }).embedOrigins).toBe('*');
    for (const value of ['lms.example.edu', 'https://lms.example.edu/course', "https://a.example'; script-src *"]) {
      expect(() => loadConfig({ EMBED_ORIGINS: value })).toThrow('EMBED_ORIGINS: ');
    }
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', CORS_ORIGINS: '' })).toMatchObject({
      port: 3000,
      logLevel: 'info',
      corsOrigins: '*',
    });
  });

  it.each([
    ['1500', 1500],
    ['1500ms', 1500],
    ['2 s', 2000],
    ['1 minute', 60_000],
    ['5m', 300_000],
    ['1 hour', 3_600_000],
  ])('reads RATE_LIMIT_WINDOW=%s as %i ms', (value, ms) => {
    expect(loadConfig({ RATE_LIMIT_WINDOW: value }).rateLimit.windowMs).toBe(ms);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        LOG_LEVEL: 'loud',
        CORS_ORIGINS: 'https://ok.example,example.com/',
        RATE_LIMIT_MAX: '0',
        RATE_LIMIT_WINDOW: 'soon',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toEqual([
      'PORT: must be an integer from 0 to 65535, got "70000"',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'CORS_ORIGINS: "example.com/" is not an origin like https://example.com',
      'RATE_LIMIT_MAX: must be a positive integer, got "0"',
      'RATE_LIMIT_WINDOW: must be a duration like 60000, 30s or 1 minute, got "soon"',
    ]);
    expect(message.startsWith('Invalid configuration: PORT:')).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('reads RATE_LIMIT_REDIS_URL for a rate limit shared by every replica, and refuses what is not a Redis URL', () => {
    expect(loadConfig({}).rateLimit.redisUrl).toBeUndefined();
    expect(loadConfig({ RATE_LIMIT_REDIS_URL: 'redis://faq-api-redis:6379' }).rateLimit.redisUrl).toBe(
      'redis://faq-api-redis:6379',
    );
    expect(loadConfig({ RATE_LIMIT_REDIS_URL: 'rediss://user:pw@cache.example:6380/2' }).rateLimit.redisUrl).toBe(
      'rediss://user:pw@cache.example:6380/2',
    );
    expect(() => loadConfig({ RATE_LIMIT_REDIS_URL: 'faq-api-redis:6379' })).toThrow(
      'RATE_LIMIT_REDIS_URL: must be a URL like redis://host:6379, got "faq-api-redis:6379"',
    );
  });

  it('rejects a CORS_ORIGINS that lists no origin (",") instead of allowing none', () => {
    for (const value of [',', ' , ,']) {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(
        `Invalid configuration: CORS_ORIGINS: lists no origin in "${value.trim()}"; give * or origins like https://example.com`,
      );
    }
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow('PORT: must be an integer from 0 to 65535, got "http"');
  });
});

describe('loadSeedConfig', () => {
  it('reads only what the seed needs, so server-only mistakes do not block a seed', () => {
    expect(loadSeedConfig({ PORT: 'nope', SEEDS_DIR: 'content', SEED_MAX_FILE_SIZE: '1048576' })).toEqual({
      SEEDS_DIR: 'content',
      DATABASE_PATH: 'data/faq.db',
      limits: { maxFileBytes: 1024 * 1024, maxAnswerBytes: 1024 * 1024, maxNesting: 100 },
    });
  });
});
