import { describe, expect, it } from 'vitest';
import { retainedTickEntries } from '../../src/tick-shape.js';

describe('tick-shape', () => {
  it('keeps one nextTick queue entry alive (its hidden classes then survive GC)', async () => {
    await new Promise<void>((resolve) => process.nextTick(resolve));
    const entries = retainedTickEntries();
    expect(entries).toHaveLength(1);
    // The entry Node made for our callback: it holds the callback and no args.
    expect(entries[0]).toMatchObject({ args: undefined });
    expect(typeof (entries[0] as { callback?: unknown }).callback).toBe('function');
  });
});
