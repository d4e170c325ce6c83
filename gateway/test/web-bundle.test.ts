import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CACHE, cachedBundle, isCurrent, type CachedBuild } from '../src/web/bundle.js';

describe('the web app’s bundle', () => {
  it('is built once and then served from the kept build, the same assets, until a file it read changes', async () => {
    // Built here or by an earlier start or test; either way the next one needs no build.
    const first = await cachedBundle();
    const again = await cachedBundle();
    expect(again.built).toBe(false);
    expect([...again.assets.keys()].sort()).toEqual([...first.assets.keys()].sort());
    for (const [path, asset] of first.assets) expect(Buffer.from(again.assets.get(path)!.contents).equals(Buffer.from(asset.contents)), path).toBe(true);

    const kept = JSON.parse(readFileSync(CACHE, 'utf8')) as CachedBuild;
    expect(isCurrent(kept)).toBe(true);
    const files = Object.keys(kept.inputs);
    const source = files.find((file) => file.endsWith('/gateway/web/src/main.ts'));
    expect(source, 'the app’s own sources are among the files read').toBeDefined();
    expect(files.some((file) => file.includes('/node_modules/graphiql/')), 'so are the packages').toBe(true);
    expect(isCurrent({ ...kept, inputs: { ...kept.inputs, [source!]: '1 0' } })).toBe(false);
    expect(isCurrent({ ...kept, esbuild: '0.0.0' })).toBe(false);
  });
});
