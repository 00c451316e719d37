import path from 'node:path';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type Database } from './db/database.js';
import { pendingCounts, QUEUE_TABLES } from './db/delivery-queue.js';
import { loadOrCreateKey } from './lib/crypto.js';
import { createLogger, type Logger } from './lib/log.js';
import { createMetrics, type Metrics } from './lib/metrics.js';
import { ReferenceCache } from './lib/reference-cache.js';
import { systemClock, type Clock } from './lib/time.js';
import { Wake } from './lib/wake.js';
import { LocalDiskStorage, type FileStorage } from './modules/attachments/storage.js';
import { BOARD_BURST } from '../contracts/board.js';
import { SCANS_COUNTED } from './modules/broadcasts/scan-limit.js';
import { BurstLimit, RESIDENT_BURST } from './modules/conversations/burst-limit.js';
import { loadOrCreateVapid, type Vapid } from './modules/push/vapid.js';
import { ZaloTokenManager } from './modules/zalo/zalo-token-manager.js';
import { createZaloClient, type ZaloClient } from './channels/zalo/zalo-client.js';
import { RealtimeBus } from './realtime/bus.js';

/**
 * Everything long-lived that the services need, built once per process (or per test) by
 * createContext: no module keeps state of its own, so a test swaps a part by building its context
 * with another part.
 */
export interface AppContext {
  config: Config;
  database: Database;
  /** 32-byte key from KEY_FILE that seals secrets at rest. */
  key: Buffer;
  /** The web push identity (VAPID_* or DATA_DIR/vapid.json). */
  vapid: Vapid;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  /** Logs an error that is handled rather than thrown (once, with its context) and counts it in /metrics. */
  reportError(where: string, err: unknown, fields?: Record<string, unknown>): void;
  /** Wakes event streams after commits and ends them when sessions end (across processes on PostgreSQL). */
  bus: RealtimeBus;
  /** Uploaded bytes (DATA_DIR/files by default). */
  storage: FileStorage;
  /** Units and knowledge-base entries every resident message reads (5 s; cleared on local edits). */
  referenceCache: ReferenceCache;
  /** Resident cookie token hash → resident id (the mapping never changes). */
  residentIds: Map<string, string>;
  /** This process's per-resident message burst counts. */
  residentBurst: BurstLimit;
  /** This process's per-resident counts of messages written on groups' boards. */
  boardBurst: BurstLimit;
  /** This process's invitation scans counted per address and link (modules/broadcasts/invitations.service.ts). */
  invitationScanLimit: BurstLimit;
  /** Zalo's OA Open API and OAuth v4 (ZALO_API_BASE, ZALO_OAUTH_BASE). */
  zalo: ZaloClient;
  /** Units' valid OA access tokens, refreshed once per OA across processes. */
  zaloTokens: ZaloTokenManager;
  /** Notified after a webhook commits a new Zalo event, so the inbound job runs at once. */
  zaloEventsArrived: Wake;
}

/** Parts a caller (a test, a tool) may supply instead of the defaults. */
export interface ContextParts {
  clock?: Clock;
  log?: Logger;
  storage?: FileStorage;
}

/** Opens the database, runs migrations, loads the key and builds every service: the composition root. */
export async function createContext(config: Config, parts: ContextParts = {}): Promise<AppContext> {
  const log = parts.log ?? createLogger(config.logLevel);
  const key = loadOrCreateKey(config.keyFile);
  const vapid = loadOrCreateVapid(config.push);
  const metrics = createMetrics({ groupCommit: config.database.kind === 'sqlite' });
  const reportError = (where: string, err: unknown, fields: Record<string, unknown> = {}): void => {
    log.error({ err, where, ...fields }, `caught error in ${where}`);
    metrics.caughtErrors.inc({ where });
  };
  const database = await openDatabase(config, { report: reportError });
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  metrics.commitStats = () => database.commitStats();
  metrics.queueDepths = async () => {
    const depths = [];
    for (const queue of QUEUE_TABLES) {
      for (const row of await pendingCounts(database.db, queue)) depths.push({ queue, ...row });
    }
    return depths;
  };
  const clock = parts.clock ?? systemClock;
  const zalo = createZaloClient({ apiBase: config.zalo.apiBase, oauthBase: config.zalo.oauthBase });
  return {
    config,
    database,
    key,
    vapid,
    clock,
    log,
    metrics,
    reportError,
    bus: new RealtimeBus({ config, database, reportError }),
    storage: parts.storage ?? new LocalDiskStorage(path.join(config.dataDir, 'files')),
    referenceCache: new ReferenceCache(),
    residentIds: new Map(),
    residentBurst: new BurstLimit(RESIDENT_BURST.max, RESIDENT_BURST.windowMs),
    boardBurst: new BurstLimit(BOARD_BURST.max, BOARD_BURST.windowMs),
    invitationScanLimit: new BurstLimit(SCANS_COUNTED.max, SCANS_COUNTED.windowMs),
    zalo,
    zaloTokens: new ZaloTokenManager({
      database,
      key,
      clock,
      refresh: (input) => zalo.refreshAccessToken(input),
    }),
    zaloEventsArrived: new Wake(),
  };
}
