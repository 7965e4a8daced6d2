import type { FastifyReply } from 'fastify';

/** The RFC 9457 fields the hardening plugins send; the shape matches the API's own errors. */
export interface HardeningProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

/**
 * Prepare `reply` for a problem and return the serialised body. The hardening
 * plugins answer from onRequest hooks, before the route's own response schemas
 * and before the app's error handler could apply, so they serialise the body
 * themselves (a string is sent as is, whatever the route declares).
 */
export function problemReply(reply: FastifyReply, problem: HardeningProblem): string {
  reply.code(problem.status).header('content-type', 'application/problem+json; charset=utf-8');
  return JSON.stringify(problem);
}
