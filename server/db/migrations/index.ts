import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-knowledge-base.js';
import * as m0003 from './0003-conversations.js';
import * as m0004 from './0004-attachments.js';
import * as m0005 from './0005-message-guide.js';
import * as m0006 from './0006-account-hardening.js';
import * as m0007 from './0007-keyed-audit-chain.js';
import * as m0008 from './0008-upload-quotas.js';
import * as m0009 from './0009-inbox-priority.js';
import * as m0010 from './0010-broadcasts.js';
import * as m0011 from './0011-push.js';
import * as m0012 from './0012-post-media.js';
import * as m0013 from './0013-group-boards.js';
import * as m0014 from './0014-invitations.js';
import * as m0015 from './0015-post-closing.js';
import * as m0016 from './0016-tips.js';
import * as m0017 from './0017-tip-attachments.js';
import * as m0018 from './0018-zalo-connections.js';
import * as m0019 from './0019-zalo-events.js';
import * as m0020 from './0020-zalo-users.js';
import * as m0021 from './0021-message-actions.js';
import * as m0024 from './0024-zalo-oauth-pending.js';
import * as m0025 from './0025-zalo-groups.js';
import * as m0026 from './0026-zalo-send-budget.js';
import * as m0027 from './0027-zalo-sends-in-flight.js';

// Migrations are compiled into the server, so `npm start` and `ketnoi migrate` need no files at run time.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-knowledge-base': m0002,
  '0003-conversations': m0003,
  '0004-attachments': m0004,
  '0005-message-guide': m0005,
  '0006-account-hardening': m0006,
  '0007-keyed-audit-chain': m0007,
  '0008-upload-quotas': m0008,
  '0009-inbox-priority': m0009,
  '0010-broadcasts': m0010,
  '0011-push': m0011,
  '0012-post-media': m0012,
  '0013-group-boards': m0013,
  '0014-invitations': m0014,
  '0015-post-closing': m0015,
  '0016-tips': m0016,
  '0017-tip-attachments': m0017,
  '0018-zalo-connections': m0018,
  '0019-zalo-events': m0019,
  '0020-zalo-users': m0020,
  '0021-message-actions': m0021,
  '0024-zalo-oauth-pending': m0024,
  '0025-zalo-groups': m0025,
  '0026-zalo-send-budget': m0026,
  '0027-zalo-sends-in-flight': m0027,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
