// `npm start`: build what is stale, then run the production server.
import { buildIfStale, root } from './build-if-stale.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

buildIfStale();
const { startServer } = await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);
await startServer();
