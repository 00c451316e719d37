import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../../../contracts/audit.js';
import { projectRoot } from '../../lib/paths.js';

// appendAudit accepts only AUDIT_ACTIONS (the compiler checks every call); here every one of them
// must read as words in the console, in Vietnamese and in English.
describe('audit action names', () => {
  for (const lang of ['vi', 'en']) {
    it(`translates every action and target type in ${lang}`, () => {
      const file = path.join(projectRoot(), 'web', 'i18n', `${lang}.json`);
      const catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        audit: { actions: Record<string, string>; targetTypes: Record<string, string> };
      };
      const missing = [
        ...AUDIT_ACTIONS.filter((a) => !catalogue.audit.actions[a]?.trim()),
        ...AUDIT_TARGET_TYPES.filter((t) => !catalogue.audit.targetTypes[t]?.trim()),
      ];
      expect(missing).toEqual([]);
    });
  }
});
