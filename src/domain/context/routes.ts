/**
 * HTTP route paths a source file declares: Express/Koa/Fastify-style `router.get('/x')`,
 * custom routers `router.add('GET', '/x')`, FastAPI/Flask decorators `@app.get("/x")` with an
 * `APIRouter(prefix=...)`/`Blueprint(url_prefix=...)`, Go `http.HandleFunc("/x")`, and the `paths`
 * of an OpenAPI document. Parameters are written the OpenAPI way (`:id` -> `{id}`).
 *
 * Pure module: pattern matching only, never executes or parses the program.
 */
import { extensionOf } from './paths.js';

export const MAX_ROUTES_PER_FILE = 20;

const CODE_EXTS = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts', 'py', 'go', 'rb', 'java', 'kt', 'php', 'cs', 'rs']);

/** `.get('/x'`, `.add('GET', '/x'`, `.route("/x"`, `HandleFunc("/x"`, `@GetMapping("/x"` ... */
const CALL_ROUTE =
  /(?:\.|@|\b)(?:get|post|put|patch|delete|head|options|all|add|route|api_route|handle|handlefunc|handler|getmapping|postmapping|putmapping|patchmapping|deletemapping|requestmapping)\s*\(\s*(?:['"](?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)['"]\s*,\s*)?(?:['"](?:GET|POST|PUT|PATCH|DELETE)\s+)?['"`](\/[A-Za-z0-9_\-./:{}<>]*|)['"`]/gi;
const PREFIX = /\b(?:url_)?prefix\s*[=:]\s*['"`](\/[A-Za-z0-9_\-./{}]*)['"`]/i;
const OPENAPI_PATH = /^ {2}['"]?(\/[A-Za-z0-9_\-./{}]*)['"]?\s*:\s*$/gm;
const OPENAPI_JSON_PATH = /"(\/[A-Za-z0-9_\-./{}]*)"\s*:\s*\{\s*"(?:get|post|put|patch|delete|parameters|summary)"/gi;

/** `/api/tasks/:id` -> `/api/tasks/{id}`; `<int:id>` -> `{id}`; no trailing slash. */
export function normaliseRoute(path: string): string {
  const out = path
    .replace(/<(?:[a-z]+:)?([A-Za-z_]\w*)>/g, '{$1}')
    .replace(/:([A-Za-z_]\w*)/g, '{$1}')
    .replace(/\/{2,}/g, '/')
    .replace(/\/$/, '');
  return out === '' ? '/' : out;
}

function joinRoute(prefix: string, path: string): string {
  if (path === '' || path === '/') return normaliseRoute(prefix || '/');
  return normaliseRoute(`${prefix}${path.startsWith('/') ? '' : '/'}${path}`);
}

export function extractRoutes(path: string, text: string, max = MAX_ROUTES_PER_FILE): string[] {
  const ext = extensionOf(path);
  const out: string[] = [];
  if (ext === 'yaml' || ext === 'yml' || ext === 'json') {
    if (!/\b(openapi|swagger)\b/.test(text.slice(0, 2000))) return [];
    const re = ext === 'json' ? OPENAPI_JSON_PATH : OPENAPI_PATH;
    for (const m of text.matchAll(re)) out.push(normaliseRoute(m[1]!));
  } else if (CODE_EXTS.has(ext)) {
    // A router-wide prefix (FastAPI APIRouter, Flask Blueprint) applies to decorator paths.
    const prefix = ext === 'py' ? (PREFIX.exec(text)?.[1] ?? '') : '';
    for (const m of text.matchAll(CALL_ROUTE)) {
      const p = m[1]!;
      if (p === '' && prefix === '') continue;
      // Static assets and module specifiers are not routes.
      if (/\.(js|ts|css|html|png|svg|json|py)$/.test(p)) continue;
      out.push(joinRoute(prefix, p));
    }
  }
  return [...new Set(out.filter((r) => r !== '/'))].slice(0, max);
}

/** `.get('/x'`, `@app.post("/x"`, `@GetMapping("/x"`: a call whose name is the HTTP method. */
const METHOD_CALL =
  /(?:\.|@|\b)(get|post|put|patch|delete)(?:mapping)?\s*\(\s*['"`](\/[A-Za-z0-9_\-./:{}<>]*|)['"`]/gi;
/** `.add('GET', '/x'`, `.route('POST', '/x'`, `.handle("GET /x"`: the method is an argument. */
const METHOD_ARG =
  /(?:\.|\b)(?:add|route|handle|handlefunc|handler|on|api_route)\s*\(\s*['"](GET|POST|PUT|PATCH|DELETE)(?:['"]\s*,\s*['"`]|\s+)(\/[A-Za-z0-9_\-./:{}<>]*)['"`]/gi;
const OPENAPI_METHOD = /^ {4}['"]?(get|post|put|patch|delete)['"]?\s*:/i;

/**
 * HTTP operations (`GET /api/tasks`) a file declares, where the method is written next to the
 * path; routes whose method is not visible (`HandleFunc("/x")`) are left out.
 */
export function extractOperations(path: string, text: string, max = MAX_ROUTES_PER_FILE): string[] {
  const ext = extensionOf(path);
  const out: string[] = [];
  if (ext === 'yaml' || ext === 'yml') {
    if (!/\b(openapi|swagger)\b/.test(text.slice(0, 2000))) return [];
    let current: string | undefined;
    for (const line of text.split(/\r?\n/)) {
      const p = /^ {2}['"]?(\/[A-Za-z0-9_\-./{}]*)['"]?\s*:\s*$/.exec(line);
      if (p) current = normaliseRoute(p[1]!);
      else if (/^ {0,1}\S/.test(line)) current = undefined;
      const m = current !== undefined ? OPENAPI_METHOD.exec(line) : null;
      if (m && current !== undefined) out.push(`${m[1]!.toUpperCase()} ${current}`);
    }
  } else if (CODE_EXTS.has(ext)) {
    const prefix = ext === 'py' ? (PREFIX.exec(text)?.[1] ?? '') : '';
    const add = (method: string, p: string) => {
      if (p === '' && prefix === '') return;
      if (/\.(js|ts|css|html|png|svg|json|py)$/.test(p)) return;
      const route = joinRoute(prefix, p);
      if (route !== '/') out.push(`${method.toUpperCase()} ${route}`);
    };
    for (const m of text.matchAll(METHOD_CALL)) add(m[1]!, m[2]!);
    for (const m of text.matchAll(METHOD_ARG)) add(m[1]!, m[2]!);
  }
  return [...new Set(out)].slice(0, max);
}

/** Paths that look like route or API definition files (checked even when not ranked). */
export const ROUTE_FILE = /(^|\/)(routes?|routers?|controllers?|handlers?|endpoints?|api|views|urls|app|main|server)(\/|\.|_|$)|openapi|swagger/i;
