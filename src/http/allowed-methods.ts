/**
 * Which methods a URL path answers, from the routes the app registered: the
 * not-found handler asks it so a wrong method on a known path is a 405 with
 * `Allow` (RFC 9110 §15.5.6) rather than a 404 that says the path is unknown.
 */

/** Methods every path answers without a route of its own: CORS answers OPTIONS for any URL. */
const ALWAYS_ALLOWED = ['OPTIONS'];

/** A route URL (`/v1/questions/:id.md`, `/docs/*`) as a regular expression over concrete paths. */
export function routePattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

export interface RouteTable {
  /** Record that `url` answers `methods`. */
  add(url: string, methods: string | readonly string[]): void;
  /** The methods `path` answers, in a stable order (GET, HEAD, …, OPTIONS); empty when no route matches it. */
  allowed(path: string): string[];
}

export function createRouteTable(): RouteTable {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  return {
    add(url, methods) {
      routes.push({ pattern: routePattern(url), methods: [methods].flat() });
    },
    allowed(path) {
      const methods = new Set<string>();
      for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
      if (methods.size === 0) return [];
      for (const m of ALWAYS_ALLOWED) methods.add(m);
      return [...methods];
    },
  };
}
