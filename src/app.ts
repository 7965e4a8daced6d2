import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { SeedStatus } from './live/status.js';
import { openDatabase } from './db/open.js';
import { clientErrorHandler } from './http/client-errors.js';
import { fastValidatorCompiler, ZOD_SCHEMA_CONTROLLER } from './http/fast-validation.js';
import dbAccess from './http/plugins/db.js';
import drainingState from './http/plugins/draining.js';
import compression from './http/plugins/external/compress.js';
import corsPolicy from './http/plugins/external/cors.js';
import rateLimiting from './http/plugins/external/rate-limit.js';
import docs from './http/plugins/external/swagger-ui.js';
import hostHeader from './http/plugins/host-header.js';
import loadShedding from './http/plugins/external/under-pressure.js';
import openApi from './http/plugins/openapi.js';
import problems, { frameworkErrorHandler } from './http/plugins/problems.js';
import questionCache from './http/plugins/question-cache.js';
import requestId from './http/plugins/request-id.js';
import requestLimits, { requestLimitOptions } from './http/plugins/request-limits.js';
import requestLog from './http/plugins/request-log.js';
import securityHeaders from './http/plugins/security-headers.js';
import changeRoutes from './http/routes/changes.js';
import seedStatus from './http/plugins/seed-status.js';
import { loadPageAssets, type PageAssets } from './http/pages/assets.js';
import healthRoutes from './http/routes/health.js';
import openApiRoutes from './http/routes/openapi.js';
import pageRoutes from './http/routes/pages.js';
import questionRoutes from './http/routes/questions.js';
import searchRoutes from './http/routes/search.js';
import snippetRoutes from './http/routes/snippets.js';
import sourceRoutes from './http/routes/sources.js';
import topicRoutes from './http/routes/topics.js';

export interface BuildAppOptions {
  /** The watching server's seed status (src/live); by default that of the database served. */
  seedStatus?: () => SeedStatus;
  /**
   * An open database to serve (tests pass their own). Without it the app
   * opens `config.databasePath` read-only and closes it when the app closes.
   */
  db?: Database;
  /** Where log lines go (default stdout); tests pass a stream to read them. */
  logStream?: DestinationStream;
  /**
   * Register the operational hardening plugins (request ids, limits, rate
   * limit, load shedding, security headers, compression). Default true;
   * false exists so bench/http.ts can report the app's own cost apart from
   * theirs. src/server.ts never turns it off.
   */
  hardening?: boolean;
}

/** Trust the `hops` proxies nearest to us: the client is the address the next one out reported. */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The pages' stylesheet and script, read on the first build (src/http/pages/assets;
 * the build copies them to dist/http/pages/assets, beside this module in both).
 */
let pageAssets: PageAssets | undefined;
const PAGE_ASSETS = (): PageAssets => (pageAssets ??= loadPageAssets(new URL('./http/pages/assets/', import.meta.url)));

/**
 * Build the FAQ API: infrastructure plugins first, then the app's own
 * plugins, then routes. Never listens (src/server.ts does), so tests use
 * `inject()` or supertest on `app.server`.
 * @param config validated configuration (see loadConfig).
 * @param options `db` to serve an already open database.
 * @returns the Fastify instance; call `ready()` (or inject) to boot it.
 * @throws when no `db` is given and the database cannot be opened read-only.
 */
export function buildApp(config: Config, options: BuildAppOptions = {}): FastifyInstance {
  const db = options.db ?? openDatabase(config.databasePath, { readonly: true });
  const { maxParamLength, ...serverLimits } = requestLimitOptions;
  const app = Fastify({
    ...serverLimits,
    // Node's own check answers a missing Host with a bare 400; plugins/host-header.ts answers a problem.
    http: { ...serverLimits.http, requireHostHeader: false },
    routerOptions: { maxParamLength },
    // Behind an ingress every request comes from the proxy: request.ip (the
    // rate limit's client key) must then come from X-Forwarded-For, but only
    // as far as the configured proxies vouch for it.
    // (A hop count as proxy-addr compiles it: Fastify's types omit numbers.)
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    logger: {
      level: config.logLevel,
      // Request logs carry URLs and ids only; no header here holds secrets
      // today, but a proxy may add one tomorrow.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // Fastify's two info lines per request would be most of the log;
    // plugins/request-log.ts logs slow requests (and all at debug) instead.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: frameworkErrorHandler,
    // Requests that reach a closing server are answered (with Connection: close,
    // plugins/draining.ts) rather than refused with Fastify's own 503 body.
    return503OnClosing: false,
    clientErrorHandler,
    // zod's compilers are the only ones used: given as factories, Fastify never
    // loads its default Ajv and fast-json-stringify compilers at start-up.
    schemaController: ZOD_SCHEMA_CONTROLLER,
  }).withTypeProvider<ZodTypeProvider>();

  // zod validates requests; simple schemas answer a plain check first (fast-validation.ts).
  app.setValidatorCompiler(fastValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Infrastructure: ids first; CORS and security headers before the plugins
  // that answer early (414, 503, 429), so a browser can read those answers too.
  const hardening = options.hardening ?? true;
  app.register(requestLog, { everyRequest: config.logLevel === 'debug' || config.logLevel === 'trace' });
  app.register(hostHeader);
  app.register(drainingState);
  if (hardening) app.register(requestId);
  app.register(corsPolicy, { origins: config.corsOrigins });
  if (hardening) {
    app.register(securityHeaders, { corsOrigins: config.corsOrigins });
    app.register(requestLimits);
    app.register(loadShedding, config.loadShedding);
    app.register(rateLimiting, {
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      redisUrl: config.rateLimit.redisUrl,
    });
    app.register(compression);
  }
  // Errors and 404/405 before any route, so its route table sees the docs routes too.
  app.register(problems);
  app.register(openApi, { version: PACKAGE_VERSION });
  app.register(docs, { routePrefix: '/docs' });

  // The app's own plugins.
  app.register(dbAccess, { db, closeOnShutdown: options.db === undefined });
  app.register(seedStatus, { status: options.seedStatus });
  app.register(questionCache);

  // Routes.
  app.register(healthRoutes);
  app.register(openApiRoutes);
  app.register(sourceRoutes);
  app.register(topicRoutes);
  app.register(questionRoutes);
  app.register(snippetRoutes);
  app.register(changeRoutes);
  app.register(searchRoutes);
  // The HTML pages for people, over the same repositories and searcher.
  app.register(pageRoutes, { assets: PAGE_ASSETS(), embedOrigins: config.embedOrigins, version: PACKAGE_VERSION });

  return app;
}
