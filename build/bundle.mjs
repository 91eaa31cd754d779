// Builds the single-file ESM bundle the CLI runs from (production React, no node_modules needed),
// and the catalog of the shipped lessons validated at build time.
import {execFileSync} from 'node:child_process';
import {nodeBundle, root} from './esbuild-node.mjs';
import {inkReplacements, lazyPackages, memoStringWidth, yogaWithoutFetch} from './plugins.mjs';

// The map (bundle/cli.mjs.map) is read only by `node --enable-source-maps`: readable stack traces.
await nodeBundle('source/cli.tsx', 'bundle/cli.mjs', {plugins: [memoStringWidth, inkReplacements, yogaWithoutFetch, lazyPackages(['yaml', 'marked', 'write-file-atomic'])], sourcemap: 'linked'});

// The shipped lessons, validated once at build time (bundle/catalog.json).
await nodeBundle('build/catalog.ts', 'bundle/build-catalog.mjs');
execFileSync(process.execPath, ['bundle/build-catalog.mjs'], {cwd: root, stdio: 'inherit'});
