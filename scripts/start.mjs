// `npm start`: build what is stale, load the assistant's model (training it first when the corpus
// changed since it was cached: a few seconds, once), then run the production server.
import { buildIfStale, root } from './build-if-stale.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = (p) => pathToFileURL(path.join(root, 'dist/server', p)).href;
buildIfStale();
const { getClassifier } = await import(dist('modules/assistant/classifier.js'));
getClassifier();
const { startServer } = await import(dist('main.js'));
await startServer();
