import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One step of per-request work done on arrival (request id, CORS, security
 * headers, limits). Returns true when it answered the request itself (a 429,
 * a preflight), which ends the pipeline; it must then have called reply.send().
 */
export type RequestStep = (request: FastifyRequest, reply: FastifyReply) => boolean;

declare module 'fastify' {
  interface FastifyInstance {
    /** Append `step` to the pipeline; steps run in the order they were added. */
    addRequestStep(step: RequestStep): void;
  }
}

const requestPipelinePlugin: FastifyPluginAsync = async (app) => {
  const steps: RequestStep[] = [];
  app.decorate('addRequestStep', (step: RequestStep) => {
    if (typeof step !== 'function')
      throw new TypeError(`request pipeline: a step must be a function, got ${typeof step}`);
    steps.push(step);
  });
  // One callback-style hook for every step: each Fastify hook costs a hook
  // runner turn (and an async one a promise) per request, which on the hot
  // route measured more than the work the steps themselves do. It runs for
  // the 404 handler too, so unknown URLs get ids, headers and limits.
  app.addHook('onRequest', (request, reply, done) => {
    for (let i = 0; i < steps.length; i += 1) {
      if (steps[i]!(request, reply)) return;
    }
    done();
  });
};

/**
 * The single onRequest hook the operational plugins share (`addRequestStep`).
 * Each of them registers it when it is missing, so any one of them works alone.
 */
export const requestPipeline = fp(requestPipelinePlugin, { name: 'faq-request-pipeline', fastify: '5.x' });
export default requestPipeline;

/** Register the pipeline on `app` unless a sibling plugin already did; for the operational plugins. */
export async function ensureRequestPipeline(app: FastifyInstance): Promise<void> {
  if (!app.hasDecorator('addRequestStep')) await app.register(requestPipeline);
}
