// Runs once before the test workers: trains the assistant's model if the corpus changed since it was
// last cached, so the workers load it instead of each training its own copy at once.
import { projectRoot } from '../lib/paths.js';
import { loadOrTrain, modelParts } from '../modules/assistant/model.js';

export default function setup(): void {
  loadOrTrain(modelParts(), projectRoot());
}
