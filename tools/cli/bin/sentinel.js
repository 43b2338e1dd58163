#!/usr/bin/env node
'use strict';
// `sentinel`: runs the compiled CLI (`npm run build` first) with the @sentinel/* path aliases resolved.
const { resolve } = require('node:path');

const root = resolve(__dirname, '../../..');
require(resolve(root, 'tools/runtime/register-paths.js'));
require(resolve(root, process.env.SENTINEL_DIST_DIR || 'dist', 'tools/cli/src/main.js'));
