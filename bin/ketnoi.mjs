#!/usr/bin/env node
// The `ketnoi` command: builds the server when stale, then runs the compiled CLI.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';

buildIfStale({ web: process.argv[2] === 'serve', quiet: true });
await import(pathToFileURL(path.join(root, 'dist/server/cli/index.js')).href);
