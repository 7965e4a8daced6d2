import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

/**
 * What the service logs about requests, through Fastify's LogController
 * (the hook Fastify itself calls when a request arrives and completes), so
 * it costs no extra hook on the hot path.
 *
 * Fastify's default, two info lines per request, costs about 45% of
 * throughput here. Instead: failures are logged by the error handler (with
 * the request id), slow requests at warn, and every request at debug only
 * when LOG_LEVEL is debug or trace.
 */
export class RequestLogController extends LogController {
  constructor(
    /** Requests slower than this (ms) are logged at warn. */
    readonly slowMs: number,
    /** Log one line per completed request (at debug). */
    readonly everyRequest: boolean,
  ) {
    super({});
    if (!(slowMs > 0))
      throw new TypeError(`request log: slowMs must be a positive number, got ${JSON.stringify(slowMs)}`);
  }

  override incomingRequest(): void {
    // One line per request, when wanted, is written on completion with the status.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = reply.elapsedTime;
    if (error) {
      // The response stream failed after the handler (client gone, write error).
      reply.log.warn(
        { err: error, method: request.method, url: request.url, statusCode: reply.statusCode },
        'response failed',
      );
    } else if (ms > this.slowMs) {
      reply.log.warn(
        { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) },
        'slow request',
      );
    } else if (this.everyRequest) {
      reply.log.debug(
        { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) },
        'request',
      );
    }
  }
}

/** Requests slower than this are worth a warning: the hot route answers in well under a millisecond. */
export const SLOW_REQUEST_MS = 1000;

type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** pino's numeric levels, to tell whether the parent would write a line at all. */
const LEVEL_VALUES: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

/**
 * A request's logger that becomes a real pino child (with the request id
 * bound) only when something is logged. Fastify makes a child per request,
 * and pino's child() serialises its bindings each time: ~5 µs of CPU per
 * request here, for a logger that at the default level logs nothing on
 * almost every request.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** The real child, made on first use. */
  #real(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  #write(method: LogMethod, args: unknown[]): void {
    // Nothing would be written: skip making the child.
    if (this.#child === undefined && LEVEL_VALUES[method]! < (LEVEL_VALUES[this.parent.level] ?? 0)) return;
    (this.#real()[method] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.#child?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

/**
 * Fastify `childLoggerFactory`: lazy children, except when a route sets its
 * own level (the child must then exist to carry it).
 */
export function lazyChildLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined) return logger.child(bindings, options);
  return new LazyRequestLogger(logger, bindings, options);
}

/**
 * Make `logger`'s children lazy (as lazyChildLoggerFactory does) while Fastify
 * keeps its default child logger factory: given a factory of its own, Fastify
 * checks the seven methods of the logger it returns on every request (~0.5 µs
 * of CPU here). Fastify makes request loggers with `logger.child()`, so the
 * root logger's `child` is replaced; the real children come from the original.
 */
export function makeChildrenLazy(logger: FastifyBaseLogger): void {
  const realChild = logger.child.bind(logger);
  // The parent the lazy children ask: the logger itself, but with its real child().
  const parent = Object.create(logger, { child: { value: realChild } }) as FastifyBaseLogger;
  logger.child = ((bindings: Bindings, options?: ChildLoggerOptions) =>
    lazyChildLoggerFactory(parent, bindings, options ?? {})) as FastifyBaseLogger['child'];
}
