import fs from 'node:fs';
import path from 'node:path';
import { kbSeedFileSchema, type ProcedureEntry } from '../../contracts/knowledge.js';
import { projectRoot } from '../lib/paths.js';

/** The knowledge-base seed (seed/kb/procedures.json) as stored entries, version 1. */
export function seedKbEntries(): ProcedureEntry[] {
  const seed = kbSeedFileSchema.parse(
    JSON.parse(fs.readFileSync(path.join(projectRoot(), 'seed/kb/procedures.json'), 'utf8')),
  );
  return seed.map((e) => ({
    ...e.content,
    id: e.id,
    taxonomyId: e.taxonomyId,
    version: 1,
    updatedAt: '',
    updatedBy: null,
  }));
}
