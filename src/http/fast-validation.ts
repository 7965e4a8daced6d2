import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';

/**
 * A plain predicate in front of a zod request schema. zod's safeParse of even
 * a one-field object (plus the type provider's wrapper) cost ~1.5 µs of CPU
 * per request part here, on every request; most requests are valid, and for
 * the simple shapes below a few comparisons decide that. A check must accept
 * only values the schema accepts unchanged (no defaults, coercion or
 * stripping that matters to a route): anything it rejects is validated by zod
 * as before, so a bad request gets exactly the same 400 problem.
 */
export type FastCheck = (value: unknown) => boolean;

const checks = new WeakMap<object, FastCheck>();

/** Register `check` as the fast path of `schema`; returns the schema. */
export function withFastCheck<T extends object>(schema: T, check: FastCheck): T {
  checks.set(schema, check);
  return schema;
}

/** The fast check registered for `schema`, if any (for tests). */
export function fastCheckOf(schema: object): FastCheck | undefined {
  return checks.get(schema);
}

/**
 * fastify-type-provider-zod's validator compiler, with a schema's fast check
 * (when it has one) answered first. A passing check returns `true`, which
 * Fastify takes as valid without replacing the request part: the value was
 * already what zod would have returned, and `request.headers` then keeps
 * returning the raw headers instead of merging a copy on every read.
 */
export const fastValidatorCompiler: FastifySchemaCompiler<$ZodType> = (routeSchema) => {
  const full = validatorCompiler(routeSchema);
  const check = checks.get(routeSchema.schema);
  if (check === undefined) return full;
  return (data: unknown) => (check(data) ? true : full(data));
};

/** Accepts strings of `min`..`max` UTF-16 units, as z.string().min(min).max(max) does. */
function isStringOfLength(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** An optional z.string().max(max): undefined, or a short enough string. */
export function isOptionalString(value: unknown, max: number): boolean {
  return value === undefined || isStringOfLength(value, 0, max);
}

/** Fast check of `{ [name]: z.string().min(1).max(max) }` path parameters. */
export function pathParamCheck(name: string, max: number): FastCheck {
  return (value) =>
    typeof value === 'object' && value !== null && isStringOfLength((value as Record<string, unknown>)[name], 1, max);
}

/**
 * Fastify's `schemaController` option with zod's compilers as the factories.
 * Without it, every Fastify instance loads its default Ajv and
 * fast-json-stringify compilers when created, even when zod's replace them;
 * with it they are never loaded (less code to load and compile at start-up).
 * Fastify's types only describe
 * Ajv-style compilers, hence the cast.
 */
export const ZOD_SCHEMA_CONTROLLER = {
  compilersFactory: { buildValidator: () => fastValidatorCompiler, buildSerializer: () => serializerCompiler },
} as unknown as NonNullable<FastifyServerOptions['schemaController']>;
