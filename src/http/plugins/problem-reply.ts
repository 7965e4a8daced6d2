import type { FastifyReply } from 'fastify';
import { type ErrorCode, toProblem } from '../../errors.js';

/**
 * Prepare `reply` for the problem `code` and return the serialised body. The
 * hardening plugins answer from onRequest hooks, before the route's response
 * schemas or the app's error handler apply, so they serialise the service's
 * one problem shape (`toProblem`) themselves; a string is sent as is.
 */
export function problemReply(reply: FastifyReply, code: ErrorCode, detail: string): string {
  const problem = toProblem(code, detail);
  reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    // A 429/503/414 describes this moment, not the resource: never cache it.
    .header('cache-control', 'no-store');
  return JSON.stringify(problem);
}
