import { setTimeout as delay } from 'node:timers/promises';
import type { Database } from '../../db/database.js';
import type { ZaloConnectionRow } from '../../db/schema/index.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import type { Clock } from '../../lib/time.js';
import * as repo from './zalo-connections.repository.js';
import { openZaloSecret, sealZaloSecret } from './zalo-secrets.js';

// The OA's access token, refreshed before it expires and when Zalo refuses it (-216/-220).
// Zalo's refresh token is single-use and rotates: two refreshes from the same refresh token lose
// the grant, so refreshes of one OA are serialised, across processes on PostgreSQL (the row is
// locked while the refresh runs; whoever waited finds the pair already rotated and uses it) and
// on SQLite by a lease on the version read (see #refreshLeased), and within a process by joining
// the refresh in flight. The new pair is committed before anyone uses it.

/** A token pair as Zalo's OAuth v4 returns it (expires_in parsed to a number). */
export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/** Exchanges a refresh token for a new pair (the Zalo API client's refreshAccessToken). */
export type RefreshZaloTokens = (input: {
  appId: string;
  appSecret: string;
  refreshToken: string;
}) => Promise<ZaloTokenPair>;

/** Refresh when less than this is left of the access token's life. */
export const REFRESH_MARGIN_MS = 10 * 60_000;
/** SQLite: how long a refresh may hold its lease; longer than the Zalo client's slowest answer. */
const REFRESH_LEASE_MS = 2 * 60_000;
/** SQLite: how often a process waiting for another's refresh looks for the new pair. */
const LEASE_POLL_MS = 100;

export class ZaloTokenRefreshError extends AppError {
  constructor(message: string) {
    super('unprocessable', 'zalo_token_refresh_failed', message);
  }
}

type Want = { kind: 'fresh' } | { kind: 'replace'; staleToken: string };

export interface ZaloTokenManagerDeps {
  database: Database;
  key: Buffer;
  clock: Clock;
  refresh: RefreshZaloTokens;
}

/** Hands out a unit's valid OA access token; one per process (a context field). */
export class ZaloTokenManager {
  readonly #deps: ZaloTokenManagerDeps;
  /** This process's refresh in flight per unit: callers join it instead of starting another. */
  readonly #inFlight = new Map<string, Promise<string>>();

  constructor(deps: ZaloTokenManagerDeps) {
    this.#deps = deps;
  }

  /** A valid access token of the unit's OA, refreshed first when it expires within REFRESH_MARGIN_MS. */
  async getAccessToken(unitId: string): Promise<string> {
    const row = await repo.findByUnit(this.#deps.database.db, unitId);
    if (!row) throw new NotFoundError('Zalo connection');
    if (!this.#needsRefresh(row, { kind: 'fresh' })) return this.#open(row.accessTokenSealed);
    return this.#single(unitId, { kind: 'fresh' });
  }

  /** A new access token after Zalo refused `staleToken`; if another caller already replaced it, theirs. */
  async forceRefresh(unitId: string, staleToken: string): Promise<string> {
    return this.#single(unitId, { kind: 'replace', staleToken });
  }

  #open(sealed: string): string {
    return openZaloSecret(this.#deps.key, sealed);
  }

  #needsRefresh(row: ZaloConnectionRow, want: Want): boolean {
    if (want.kind === 'replace') return this.#open(row.accessTokenSealed) === want.staleToken;
    const expires = row.accessTokenExpiresAt;
    return expires !== null && expires - this.#deps.clock.now() < REFRESH_MARGIN_MS;
  }

  #single(unitId: string, want: Want): Promise<string> {
    const running = this.#inFlight.get(unitId);
    // Whatever the running refresh returns is newer than anything a caller could have been refused.
    if (running) return running;
    const started = this.#refreshSerialised(unitId, want).finally(() => this.#inFlight.delete(unitId));
    this.#inFlight.set(unitId, started);
    return started;
  }

  async #refreshSerialised(unitId: string, want: Want): Promise<string> {
    const { database } = this.#deps;
    try {
      if (database.dialect === 'postgres') {
        return await database.transaction(async (trx) => {
          const row = await repo.findByUnitForUpdate(trx, unitId);
          if (!row) throw new NotFoundError('Zalo connection');
          if (!this.#needsRefresh(row, want)) return this.#open(row.accessTokenSealed);
          const pair = await this.#callRefresh(row);
          await repo.storeTokens(trx, row.id, row.tokenVersion, this.#sealPair(pair), this.#deps.clock.now());
          return pair.accessToken;
        });
      }
      return await this.#refreshLeased(unitId, want);
    } catch (err) {
      if (err instanceof ZaloTokenRefreshError) {
        await database.transaction((trx) => repo.recordError(trx, unitId, err.message, this.#deps.clock.now()));
      }
      throw err;
    }
  }

  /**
   * SQLite: the writer's transactions share commits, so none may wait on Zalo. A lease on the
   * version read is taken in one short transaction, the refresh runs outside, and the new pair is
   * written over that version; a process that finds the lease held waits for the new pair.
   */
  async #refreshLeased(unitId: string, want: Want): Promise<string> {
    const { database, clock } = this.#deps;
    for (;;) {
      const row = await repo.findByUnit(database.db, unitId);
      if (!row) throw new NotFoundError('Zalo connection');
      if (!this.#needsRefresh(row, want)) return this.#open(row.accessTokenSealed);
      const now = clock.now();
      const claimed = await database.transaction((trx) =>
        repo.claimRefresh(trx, row.id, row.tokenVersion, now + REFRESH_LEASE_MS, now),
      );
      if (!claimed) {
        await delay(LEASE_POLL_MS);
        continue;
      }
      let pair: ZaloTokenPair;
      try {
        pair = await this.#callRefresh(row);
      } catch (err) {
        await database.transaction((trx) => repo.releaseRefresh(trx, row.id, row.tokenVersion));
        throw err;
      }
      const stored = await database.transaction((trx) =>
        repo.storeTokens(trx, row.id, row.tokenVersion, this.#sealPair(pair), clock.now()),
      );
      if (stored) return pair.accessToken;
      // A reconnect replaced the pair meanwhile: read again (its token is the one to use).
    }
  }

  async #callRefresh(row: ZaloConnectionRow): Promise<ZaloTokenPair> {
    try {
      return await this.#deps.refresh({
        appId: row.appId,
        appSecret: this.#open(row.appSecretSealed),
        refreshToken: this.#open(row.refreshTokenSealed),
      });
    } catch (err) {
      // The client's errors name Zalo's code and message, never the tokens sent.
      const reason = err instanceof Error ? err.message : String(err);
      throw new ZaloTokenRefreshError(`Refreshing the OA's access token failed: ${reason}`.slice(0, 500));
    }
  }

  #sealPair(pair: ZaloTokenPair): {
    accessTokenSealed: string;
    refreshTokenSealed: string;
    accessTokenExpiresAt: number;
  } {
    return {
      accessTokenSealed: sealZaloSecret(this.#deps.key, pair.accessToken),
      refreshTokenSealed: sealZaloSecret(this.#deps.key, pair.refreshToken),
      accessTokenExpiresAt: this.#deps.clock.now() + pair.expiresInSeconds * 1000,
    };
  }
}
