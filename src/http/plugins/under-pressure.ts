import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { problemReply } from './problem-reply.js';
import { ensureRequestPipeline } from './request-pipeline.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** True while the event loop's mean delay over the last sample exceeds the threshold. */
    isUnderPressure(): boolean;
  }
}

export interface LoadSheddingOptions {
  /**
   * Mean event-loop delay (ms) above which requests are shed. 1 s means the
   * process is genuinely stuck; a merely busy loop (100% CPU under a
   * benchmark) stays in the low milliseconds and keeps serving.
   */
  maxEventLoopDelay?: number;
  /** How often (ms) the event loop is sampled. */
  sampleInterval?: number;
  /** Seconds a shed client is told to wait (Retry-After). */
  retryAfter?: number;
  /**
   * Routes that are never shed. Liveness must keep answering under load:
   * a 503 there makes Kubernetes restart a pod that is only busy. Readiness
   * is deliberately not exempt, so a saturated replica leaves the Service.
   */
  exemptRoutes?: string[];
}

function assertPositive(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`load shedding: ${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
}

/** The histogram's own resolution (ms); its mean includes it, so it is subtracted. */
const RESOLUTION_MS = 10;

const loadSheddingPlugin: FastifyPluginAsync<LoadSheddingOptions> = async (app, options) => {
  const { maxEventLoopDelay = 1000, sampleInterval = 1000, retryAfter = 5, exemptRoutes = ['/health/live'] } = options;
  assertPositive('maxEventLoopDelay', maxEventLoopDelay);
  assertPositive('sampleInterval', sampleInterval);
  assertPositive('retryAfter', retryAfter);
  const exempt = new Set(exemptRoutes);
  const retrySeconds = Math.ceil(retryAfter);

  // What @fastify/under-pressure measured with these options, without its
  // hook: only the event-loop delay is watched. Event-loop utilisation reads
  // ~1.0 whenever the single core is busy (which is fine for a read-only
  // service), and memory is bounded by the container's limit rather than
  // guessed here. The request step reads one number.
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let delay = 0;
  const sampler = setInterval(
    () => {
      // No sample in an interval does not mean a stuck loop (a stuck loop
      // records one long delay when it resumes): it happens when the whole
      // process was not scheduled and this timer ran before the histogram's.
      // Reading that as Infinity (as @fastify/under-pressure does) shed every
      // request of a healthy server on a busy machine; keep the last reading.
      if (Number.isNaN(histogram.mean)) return;
      delay = Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS);
      histogram.reset();
    },
    Math.max(sampleInterval, RESOLUTION_MS),
  );
  sampler.unref();
  app.addHook('onClose', async () => {
    clearInterval(sampler);
    histogram.disable();
  });
  app.decorate('isUnderPressure', () => delay > maxEventLoopDelay);

  await ensureRequestPipeline(app);
  app.addRequestStep((request, reply) => {
    if (delay <= maxEventLoopDelay) return false;
    const url = request.raw.url ?? '';
    const query = url.indexOf('?');
    if (!request.is404 && exempt.has(query === -1 ? url : url.slice(0, query))) return false;
    request.log.warn({ type: 'eventLoopDelay', value: delay }, 'shedding load');
    reply.header('retry-after', retrySeconds);
    reply.send(problemReply(reply, 'FAQ_ERR_UNAVAILABLE', `The server is overloaded; retry in ${retrySeconds} s.`));
    return true;
  });
};

/** Load shedding: 503 problem+json with Retry-After while the event loop is saturated. */
export const loadShedding = fp(loadSheddingPlugin, { name: 'faq-load-shedding', fastify: '5.x' });
export default loadShedding;
