/**
 * Closes a connection to the embedded engine for good. Background merges are stopped first, and
 * the call returns only when nothing of the engine's is still running: chDB's close() defers
 * tearing a connection down behind a query or insert still running on a libuv thread (one a
 * component started as the process stopped), and a process that exited before it landed crashed
 * in the engine's teardown at exit (SIGSEGV after SIGTERM, every time a few seconds into the demo's
 * first start). Used by the store client and by `agner store`.
 */
export async function closeChdb(conn: { close(): Promise<void> }, stopMerges: () => Promise<unknown>): Promise<void> {
  await stopMerges().catch(() => undefined)
  await conn.close()
  // Loaded here, not at the top: only a process on the embedded store maps the engine.
  const { drainPending } = await import('chdb')
  await drainPending()
}
