/**
 * @apidevtools/swagger-parser: validates an OpenAPI file against the OpenAPI 3.1 schema and
 * checks that every $ref resolves.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { fail, pass, type CheckOutcome } from './check-outcome.js';

export async function validateOpenApiFile(file: string, opts: { signal?: AbortSignal } = {}): Promise<CheckOutcome> {
  opts.signal?.throwIfAborted();
  try {
    // A fresh parser per call: the library caches $refs on its instance.
    const api = await new SwaggerParser().validate(file);
    opts.signal?.throwIfAborted();
    const paths = Object.keys((api as { paths?: object }).paths ?? {}).length;
    return pass(`valid OpenAPI ${(api as { openapi?: string }).openapi ?? ''} document, ${paths} path(s)`);
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const details = (err as { details?: Array<{ message?: string; instancePath?: string }> }).details ?? [];
    return fail(err instanceof Error ? err.message : String(err), ...details.map((d) => `${d.instancePath ?? ''} ${d.message ?? ''}`.trim()));
  }
}
