import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { createRouteTable } from '../allowed-methods.js';
import { ApiError, codeForStatus, notFound, toProblem, type Problem, type ProblemIssue } from '../../errors.js';
import { SearchError } from '../../search/errors.js';

/** Seconds a 503 asks the client to wait when its cause set no Retry-After of its own. */
const UNAVAILABLE_RETRY_AFTER = '1';

/** Send `problem` as application/problem+json; the body is serialised here, not by route schemas. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // Headers meant for a successful representation must not describe an error.
  reply.removeHeader('etag');
  reply.removeHeader('link');
  // Every 503 is temporary: say when to come back (RFC 9110 §15.6.4).
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', UNAVAILABLE_RETRY_AFTER);
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problem));
}

function validationIssues(error: FastifyError): ProblemIssue[] {
  const where = error.validationContext ?? 'request';
  return (error.validation ?? []).map((issue) => ({
    in: where,
    pointer: issue.instancePath || '/',
    message: issue.message ?? 'is invalid',
  }));
}

/** What a search failure means to a client. */
function apiErrorFor(error: SearchError): ApiError {
  switch (error.reason) {
    case 'unknown-topic':
      return notFound.topic(error.value);
    case 'unknown-source':
      return notFound.source(error.value);
    case 'unknown-question':
      return notFound.question(error.value);
    case 'invalid-cursor':
      return new ApiError('FAQ_ERR_INVALID_CURSOR', error.message, [
        { in: 'querystring', pointer: '/cursor', message: 'not a valid cursor' },
      ]);
  }
}

/** Map any error to a problem: our own, search's, validation, Fastify's 4xx, or a hidden 5xx. */
export function problemFor(error: FastifyError | Error, request: FastifyRequest): Problem {
  const instance = request.url;
  if (error instanceof SearchError) error = apiErrorFor(error);
  if (error instanceof ApiError) {
    return toProblem(error.code, error.detail, { instance, issues: error.issues });
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError) || fastifyError.validation) {
    const issues = validationIssues(fastifyError);
    const detail = issues
      .map((issue) => `${issue.in}${issue.pointer === '/' ? '' : issue.pointer}: ${issue.message}`)
      .join('; ');
    return toProblem('FAQ_ERR_VALIDATION', detail || 'The request is invalid.', { instance, issues });
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own 4xx messages (bad JSON, unsupported media type, …) describe
    // the client's mistake and carry no internals, so they are passed on.
    return toProblem(codeForStatus(status), fastifyError.message, { instance });
  }
  return toProblem('FAQ_ERR_INTERNAL', '', { instance });
}

/**
 * For Fastify's `frameworkErrors` option: errors the router raises before any
 * route or hook runs (a malformed %-escape, an overlong path parameter) get
 * the same problem shape instead of Fastify's own JSON.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  // The router's message repeats the whole path; the client already has it.
  const detail =
    status === 414
      ? 'A path parameter is longer than 200 characters.'
      : 'The URL is not valid (a malformed %-escape?).';
  sendProblem(reply, toProblem(codeForStatus(status), detail, { instance: request.url.slice(0, 200) }));
}

const problemsPlugin: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFor(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });

  // Every route registered after this plugin, for the 405 below.
  const routes = createRouteTable();
  app.addHook('onRoute', (route) => routes.add(route.url, route.method));

  // With a rate limit, unknown URLs count too: guessing costs quota.
  const notFoundOptions = app.hasDecorator('rateLimit') ? { preHandler: app.rateLimit() } : {};
  app.setNotFoundHandler(notFoundOptions, (request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routes.allowed(path);
    // A known path and a method it answers is a 404 of the route's own (a missing static file).
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      // The path exists; only the method is wrong (a POST to a read-only API).
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        toProblem('FAQ_ERR_METHOD_NOT_ALLOWED', `${path} answers ${allowed.join(', ')}, not ${request.method}.`, {
          instance: request.url,
        }),
      );
    }
    return sendProblem(
      reply,
      toProblem('FAQ_ERR_ROUTE_NOT_FOUND', `No route for ${request.method} ${path}.`, { instance: request.url }),
    );
  });
};

/** Every error becomes an RFC 9457 problem with a stable code; 5xx details stay in the log. */
export const problems = fp(problemsPlugin, { name: 'faq-problems', fastify: '5.x' });
export default problems;
