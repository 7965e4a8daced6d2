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

/** The spec's path template for a concrete path; the most literal one wins (`{id}.md` over `{id}`). */
export function templateFor(pathname: string): string | undefined {
  const literal = (template: string) => template.replace(/\{[^}]+\}/g, '').length;
  const candidates = Object.keys(spec.paths).filter((template) => {
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${pattern}$`).test(pathname);
  });
  return candidates.sort((a, b) => literal(b) - literal(a))[0];
}

export interface ResponseLike {
  status: number;
  headers: Record<string, unknown>;
  text: string;
}

/** HTTP methods that a documented path answers without an operation of its own. */
const IMPLICIT_METHODS = ['HEAD', 'OPTIONS'];

/** The methods the document gives `template`, as an `Allow` header lists them. */
export function documentedMethods(template: string): string[] {
  return [...Object.keys(spec.paths[template] ?? {}).map((m) => m.toUpperCase()), ...IMPLICIT_METHODS];
}

function expectProblemBody(method: string, url: string, mediaType: string, res: ResponseLike): void {
  expect(mediaType, `${method} ${url}`).toBe('application/problem+json');
  const validate = validatorFor('Problem', { $ref: '#/components/schemas/Problem' });
  expect(validate(JSON.parse(res.text)), JSON.stringify(validate.errors)).toBe(true);
}

/**
 * Assert that `res`, the answer to `method url`, is documented and valid:
 * a known path and status, a documented media type, and a body that
 * satisfies its schema. Unknown paths must be problem details; a method the
 * document does not give a known path must be a 405 whose Allow lists the
 * methods it does. A negotiated text answer (Accept: text/markdown on a JSON
 * URL) is checked against the operation its Content-Location names.
 */
export function expectMatchesSpec(method: string, url: string, res: ResponseLike): void {
  const pathname = new URL(url, 'http://x').pathname;
  const template = templateFor(pathname);
  const mediaType = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (template === undefined) {
    expect(res.status, `${method} ${url}: undocumented path answered ${res.status}`).toBeGreaterThanOrEqual(400);
    expectProblemBody(method, url, mediaType, res);
    return;
  }
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (operation === undefined && !IMPLICIT_METHODS.includes(method.toUpperCase())) {
    expect(res.status, `${method} ${template} is not in the spec, so it must be refused`).toBe(405);
    expect(String(res.headers.allow).split(/,\s*/)).toEqual(documentedMethods(template));
    expectProblemBody(method, url, mediaType, res);
    return;
  }
  expect(operation, `${method} ${template} is not in the spec`).toBeDefined();
  const response = operation!.responses[String(res.status)];
  expect(response, `${method} ${template}: status ${res.status} is not documented`).toBeDefined();
  if (res.status === 304) {
    expect(res.text ?? '').toBe('');
    return;
  }
  let content = response!.content?.[mediaType];
  let where = `${method} ${template} ${res.status}`;
  const location = res.headers['content-location'];
  if (content === undefined && typeof location === 'string') {
    const alternate = templateFor(new URL(location, 'http://x').pathname);
    expect(alternate, `Content-Location ${location} is not a documented path`).toBeDefined();
    where = `${method} ${alternate} ${res.status}`;
    content = spec.paths[alternate!]?.[method.toLowerCase()]?.responses[String(res.status)]?.content?.[mediaType];
  }
  expect(content, `${where}: media type ${mediaType} is not documented`).toBeDefined();
  const schema = content!.schema ?? {};
  const body: unknown = /json/.test(mediaType) ? JSON.parse(res.text) : res.text;
  const validate = validatorFor(`${where} ${mediaType}`, schema);
  expect(validate(body), `${method} ${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
}
