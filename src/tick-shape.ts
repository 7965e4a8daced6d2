/**
 * Keeps one `process.nextTick` queue entry alive for the life of the process,
 * so that every later nextTick stays on V8's fast path. Import it first.
 *
 * Why: nextTick builds each queue entry with an object literal whose first
 * keys are computed (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …,
 * callback, args }`). V8's feedback for such literal stores records the
 * hidden class (map) it saw, weakly, and has no polymorphic state: when a
 * full GC runs while no nextTick entry exists, the entry's maps are
 * collected, the next entry gets fresh maps, and those stores go
 * megamorphic for good: every nextTick then defines its properties through
 * the runtime (`Runtime_DefineKeyedOwnPropertyInLiteral`), ~4× slower
 * (~0.7 µs instead of ~0.15 µs here), and a request costs several nextTicks.
 * Whether that GC happens is a matter of start-up timing; the esbuild bundle
 * (one 2.9 MB script) hit it on every start, unbundled dist/ mostly did not.
 * One entry kept alive holds its map chain (and so the feedback) alive.
 */
import { executionAsyncResource } from 'node:async_hooks';

const retained: object[] = [];

process.nextTick(() => {
  // Inside a nextTick callback the execution resource is the queue entry itself.
  retained.push(executionAsyncResource());
});

/** The retained entries (for tests): one, once the first tick has run. */
export function retainedTickEntries(): readonly object[] {
  return retained;
}
