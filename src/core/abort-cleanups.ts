/**
 * What must be undone when a run is stopped from outside (Ctrl-C, SIGTERM
 * from a CI runner) before it could clean up by itself: temporary folders
 * (the bundle's holds the project's secrets) and the deployment lock. Code
 * that creates such a thing registers its undo here and unregisters it once
 * it undid it itself; the CLI's signal handler (cli/signals.ts) runs what is
 * left. A registry, not a parameter, because the signal can come at any
 * depth of the pipeline.
 */

type Cleanup = () => void | Promise<void>;

const pending = new Set<Cleanup>();

/** Registers an undo; returns the function that unregisters it. */
export function onAbort(cleanup: Cleanup): () => void {
  pending.add(cleanup);
  return () => void pending.delete(cleanup);
}

/** Runs every registered undo once, each on its own: one failure does not stop the others. */
export async function runAbortCleanups(): Promise<string[]> {
  const failures: string[] = [];
  const cleanups = [...pending];
  pending.clear();
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return failures;
}
