'use strict';
/**
 * Runtime resolution of the `@sentinel/*` path aliases for the compiled code in `dist/`.
 *
 *   node -r ./tools/runtime/register-paths.js dist/apps/<app>/src/main.js
 *
 * `tsc` keeps `require('@sentinel/config')` as written, so Node needs to be told where each
 * alias lives once compiled. The aliases are read from tsconfig.base.json (the single source of
 * truth) and every target is rewritten from its source location to its compiled one:
 * `libs/config/src/index.ts` -> `<dist>/libs/config/src/index` (Node then picks the `.js`).
 * Nothing else is remapped (no match-all on the base URL): bare package names keep resolving
 * from node_modules. An alias whose compiled file is missing (test-only libraries are not built)
 * falls through to Node's own "Cannot find module" error.
 *
 * Locations: the repository root is two folders up from this file; the compiled tree is
 * `<root>/dist` unless SENTINEL_DIST_DIR names another folder. Plain CommonJS on purpose: it
 * runs before anything is compiled or transpiled, in the production image too.
 */
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { register } = require('tsconfig-paths');

const SOURCE_EXTENSION = /\.(?:c|m)?tsx?$/;

/** Reads tsconfig.base.json's `compilerOptions.paths` (strict JSON: keep that file comment-free). */
function readSourcePaths(repoRoot) {
  const file = resolve(repoRoot, 'tsconfig.base.json');
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`register-paths: cannot read the path aliases from ${file}: ${error.message}`);
  }
  const paths = parsed && parsed.compilerOptions && parsed.compilerOptions.paths;
  if (!paths || typeof paths !== 'object') throw new Error(`register-paths: ${file} has no compilerOptions.paths`);
  return paths;
}

/** `{ '@sentinel/x': ['libs/x/src/index.ts'] }` -> `{ '@sentinel/x': ['libs/x/src/index'] }` (relative to dist). */
function toCompiledPaths(sourcePaths) {
  const compiled = {};
  for (const [alias, targets] of Object.entries(sourcePaths)) {
    compiled[alias] = targets.map((target) => target.replace(/^\.\//, '').replace(SOURCE_EXTENSION, ''));
  }
  return compiled;
}

function registerCompiledPaths(options = {}) {
  const repoRoot = options.repoRoot || resolve(__dirname, '..', '..');
  const distRoot = resolve(repoRoot, options.distDir || process.env.SENTINEL_DIST_DIR || 'dist');
  const paths = toCompiledPaths(readSourcePaths(repoRoot));
  const unregister = register({ baseUrl: distRoot, paths, addMatchAll: false });
  return { distRoot, paths, unregister };
}

module.exports = { registerCompiledPaths, toCompiledPaths };

// Preloaded with `node -r`: register at once.
registerCompiledPaths();
