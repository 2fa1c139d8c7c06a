/** Polling for the tests: wait until `probe` gives a value (not undefined), or fail naming what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** `until`, with a probe that throws counted as "not yet" (a query between two runs of a workflow). */
export const untilQuiet = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 250): Promise<T> =>
  until(what, () => probe().catch(() => undefined), timeoutMs, intervalMs);
