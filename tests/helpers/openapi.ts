/**
 * Validate responses against the committed OpenAPI document: every status a
 * route sends must be documented, with a schema its body satisfies.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

interface MediaTypeObject {
  schema?: Record<string, unknown>;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, unknown> };
}

export const OPENAPI_FILE = new URL('../../openapi/openapi.json', import.meta.url);

/** The committed document, parsed. */
export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
}

const spec = loadSpec();
// ajv-formats is CommonJS; under ESM its plugin may arrive wrapped in `default`.
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const formatsModule = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsModule.default ?? formatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    // Refs are '#/components/schemas/X': give each schema the components as
    // its own document root so they resolve.
    validate = ajv.compile({ ...schema, components: spec.components });
    compiled.set(key, validate);
  }
  return validate;
}

/** The spec's path template for a concrete path; static segments beat parameters. */
export function templateFor(pathname: string): string | undefined {
  const candidates = Object.keys(spec.paths).filter((template) => {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(pathname);
  });
  return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

export interface ResponseLike {
  status: number;
  headers: Record<string, unknown>;
  text: string;
}

/**
 * Assert that `res`, the answer to `method url`, is documented and valid:
 * a known path and status, a documented media type, and a body that
 * satisfies its schema. Unknown paths must be problem details.
 */
export function expectMatchesSpec(method: string, url: string, res: ResponseLike): void {
  const pathname = new URL(url, 'http://x').pathname;
  const template = templateFor(pathname);
  const mediaType = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (template === undefined) {
    expect(res.status, `${method} ${url}: undocumented path answered ${res.status}`).toBeGreaterThanOrEqual(400);
    const validate = validatorFor('Problem', { $ref: '#/components/schemas/Problem' });
    expect(mediaType).toBe('application/problem+json');
    expect(validate(JSON.parse(res.text)), JSON.stringify(validate.errors)).toBe(true);
    return;
  }
  const operation = spec.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is not in the spec`).toBeDefined();
  const response = operation!.responses[String(res.status)];
  expect(response, `${method} ${template}: status ${res.status} is not documented`).toBeDefined();
  if (res.status === 304) {
    expect(res.text ?? '').toBe('');
    return;
  }
  const content = response!.content?.[mediaType];
  expect(content, `${method} ${template} ${res.status}: media type ${mediaType} is not documented`).toBeDefined();
  const schema = content!.schema ?? {};
  const body: unknown = /json/.test(mediaType) ? JSON.parse(res.text) : res.text;
  const validate = validatorFor(`${method} ${template} ${res.status} ${mediaType}`, schema);
  expect(validate(body), `${method} ${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
}
