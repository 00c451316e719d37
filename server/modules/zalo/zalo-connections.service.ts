import type { ZaloConnectInput, ZaloConnectionStatus } from '../../../contracts/zalo.js';
import type { AppContext } from '../../context.js';
import type { ZaloConnectionRow } from '../../db/schema/index.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import * as units from '../units/units.repository.js';
import * as repo from './zalo-connections.repository.js';
import { sealZaloSecret } from './zalo-secrets.js';

// Connecting a unit's Zalo OA: the secrets are sealed before they reach the database, and what
// leaves this module (status, audit details, logs) never holds a secret or a token.

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

/** Where Zalo must send the OA's events. */
export function zaloWebhookUrl(ctx: Pick<AppContext, 'config'>): string {
  return `${ctx.config.http.baseUrl}${ZALO_WEBHOOK_PATH}`;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function presentStatus(
  ctx: Pick<AppContext, 'config'>,
  row: ZaloConnectionRow,
  unitSlug: string,
): ZaloConnectionStatus {
  return {
    unitId: row.unitId,
    unitSlug,
    oaId: row.oaId,
    appId: row.appId,
    accessTokenExpiresAt: iso(row.accessTokenExpiresAt),
    lastRefreshedAt: iso(row.lastRefreshedAt),
    lastEventAt: iso(row.lastEventAt),
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    connectedBy: row.connectedByName,
    connectedAt: new Date(row.updatedAt).toISOString(),
    webhookUrl: zaloWebhookUrl(ctx),
  };
}

/** The id of an active unit by its slug (the CLI names units by slug). */
export async function unitIdBySlug(ctx: AppContext, slug: string): Promise<string> {
  const unit = await units.findUnitBySlug(ctx.database.db, slug);
  if (!unit || unit.mergedInto) throw new NotFoundError(`Unit ${slug}`);
  return unit.id;
}

/** Stores (or replaces) a unit's OA connection with its secrets sealed, audited in the same transaction. */
export async function connectZalo(
  ctx: AppContext,
  actor: AuditActor,
  unitId: string,
  input: ZaloConnectInput,
): Promise<{ status: ZaloConnectionStatus; replaced: boolean }> {
  const now = ctx.clock.now();
  const sealed = {
    appSecretSealed: sealZaloSecret(ctx.key, input.appSecret),
    oaSecretKeySealed: sealZaloSecret(ctx.key, input.oaSecretKey),
    accessTokenSealed: sealZaloSecret(ctx.key, input.accessToken),
    refreshTokenSealed: sealZaloSecret(ctx.key, input.refreshToken),
  };
  const replaced = await ctx.database.transaction(async (trx, afterCommit) => {
    const taken = await repo.findByOaId(trx, input.oaId);
    if (taken && taken.unitId !== unitId) {
      throw new ConflictError('zalo_oa_taken', `OA ${input.oaId} is connected to another unit`);
    }
    const existing = await repo.findByUnit(trx, unitId);
    const values = {
      oaId: input.oaId,
      appId: input.appId,
      ...sealed,
      accessTokenExpiresAt: input.expiresIn === undefined ? null : now + input.expiresIn * 1000,
      lastRefreshedAt: null,
      lastEventAt: existing?.oaId === input.oaId ? existing.lastEventAt : null,
      lastError: null,
      lastErrorAt: null,
      connectedByOfficerId: actor.actorId,
      connectedByName: actor.actorName,
      updatedAt: now,
    };
    if (existing) await repo.replaceConnection(trx, existing.id, values);
    else
      await repo.insertConnection(trx, {
        id: newId(),
        unitId,
        tokenVersion: 1,
        refreshClaimedUntil: null,
        createdAt: now,
        ...values,
      });
    await appendAudit(
      ctx,
      trx,
      actor,
      {
        unitId,
        action: 'zalo.connect',
        targetType: 'unit',
        targetId: unitId,
        details: { oaId: input.oaId, appId: input.appId, replaced: existing !== undefined },
      },
      now,
    );
    afterCommit(() => ctx.referenceCache.clear());
    return existing !== undefined;
  });
  const status = await zaloStatus(ctx, unitId);
  if (!status) throw new NotFoundError('Zalo connection');
  return { status, replaced };
}

/** What may be shown of a unit's connection, or null when it has none. */
export async function zaloStatus(ctx: AppContext, unitId: string): Promise<ZaloConnectionStatus | null> {
  const row = await repo.findByUnit(ctx.database.db, unitId);
  const unit = row ? await units.findUnitById(ctx.database.db, row.unitId) : undefined;
  return row && unit ? presentStatus(ctx, row, unit.slug) : null;
}

/** Every connection's status (operators' overview). */
export async function listZaloStatuses(ctx: AppContext): Promise<ZaloConnectionStatus[]> {
  return (await repo.listAll(ctx.database.db)).map(({ unitSlug, ...row }) => presentStatus(ctx, row, unitSlug));
}

/** Removes a unit's connection and its secrets, audited; its stored events stay. */
export async function disconnectZalo(ctx: AppContext, actor: AuditActor, unitId: string): Promise<{ oaId: string }> {
  const now = ctx.clock.now();
  return ctx.database.transaction(async (trx, afterCommit) => {
    const existing = await repo.findByUnit(trx, unitId);
    if (!existing) throw new NotFoundError('Zalo connection');
    await repo.deleteConnection(trx, existing.id);
    await appendAudit(
      ctx,
      trx,
      actor,
      { unitId, action: 'zalo.disconnect', targetType: 'unit', targetId: unitId, details: { oaId: existing.oaId } },
      now,
    );
    afterCommit(() => ctx.referenceCache.clear());
    return { oaId: existing.oaId };
  });
}

/**
 * The connection an OA's webhook belongs to, read through the reference cache: a connection made
 * or removed by another process (the CLI) shows here within REFERENCE_TTL_MS (5 s).
 */
export async function connectionForOa(ctx: AppContext, oaId: string): Promise<ZaloConnectionRow | null> {
  const row = await ctx.referenceCache.get(`zalo:oa:${oaId}`, ctx.clock.now(), () =>
    repo.findByOaId(ctx.database.db, oaId),
  );
  return row ?? null;
}
