import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { GroupKind } from '../../../contracts/broadcasts.js';
import {
  GROUP_OFFER_PARAM,
  type InvitationKit,
  type InvitationKitRequest,
  type InvitationScans,
} from '../../../contracts/invitations.js';
import { ACCOUNT_KINDS, type UnitKind } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { DAY_MS, vietnamDay } from '../../lib/time.js';
import type { Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { findUnitById } from '../units/units.repository.js';
import { requireUnit } from '../units/units.service.js';
import * as groupsRepo from './groups.repository.js';
import * as repo from './invitations.repository.js';

// Printable invitation kits: a scan link per unit and per residential group, its QR code for the
// A4 page, and the scans counted per link and day. Printing a kit is a console action (audited);
// a scan is anonymous: counted (a few per address and link, in memory) and redirected.

const SCOPE_UNIT = 'unit';

/** The unit's page, offering the group to join when the link is a group's. */
function unitPagePath(slug: string, groupId: string | null): string {
  const page = `/u/${encodeURIComponent(slug)}`;
  return groupId ? `${page}?${GROUP_OFFER_PARAM}=${encodeURIComponent(groupId)}` : page;
}

/**
 * The kit for the unit or one of its groups: the scan link (made the first time), its QR code of
 * the absolute URL, the unit's official numbers and the scans so far. Audited as `invitation.kit`.
 */
export async function invitationKit(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: InvitationKitRequest,
): Promise<InvitationKit> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.read');
  if (!ACCOUNT_KINDS.includes(unit.kind as UnitKind)) {
    throw new BadRequestError('not_an_account', 'Only a ward or commune invites residents to follow it');
  }
  const group = input.groupId ? await groupsRepo.findGroup(ctx.database.db, input.groupId) : null;
  if (group !== null && group?.unitId !== unit.id) throw new NotFoundError('Group');
  const now = ctx.clock.now();
  const link = await ctx.database.transaction(async (trx) => {
    const row = await repo.findOrInsertLink(trx, {
      id: newId(),
      unitId: unit.id,
      groupId: group?.id ?? null,
      scope: group?.id ?? SCOPE_UNIT,
      token: randomBytes(12).toString('base64url'),
      createdBy: actor.officerId,
      createdAt: now,
    });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: unit.id,
        action: 'invitation.kit',
        targetType: 'invitation_link',
        targetId: row.id,
        details: { groupId: row.groupId, groupName: group?.name ?? null },
      },
      now,
    );
    return row;
  });
  const url = `${ctx.config.http.baseUrl}/q/${link.token}`;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const scans = (await repo.scansOfUnit(ctx.database.db, unit.id, '')).find((s) => s.linkId === link.id);
  return {
    linkId: link.id,
    url,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    unit: { id: unit.id, slug: unit.slug, displayName: unit.displayName, phone: unit.phone, hotline: unit.hotline },
    group: group ? { id: group.id, name: group.name, kind: group.kind as GroupKind } : null,
    scans: scans?.scans ?? 0,
  };
}

/** Scans of the unit's printed links, in all and over the last 30 days. */
export async function invitationScans(ctx: AppContext, actor: Actor, unitId: string): Promise<InvitationScans> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.read');
  const since = vietnamDay(ctx.clock.now() - 29 * DAY_MS);
  const rows = await repo.scansOfUnit(ctx.database.db, unit.id, since);
  return {
    items: rows.map((r) => ({
      groupId: r.groupId,
      scans: r.scans,
      scans30Days: r.recent,
      lastScanDay: r.lastScanDay,
    })),
  };
}

/** A scan of a printed QR code: counted unless the address scanned this link lately; where to send the browser. */
export async function scanInvitation(ctx: AppContext, token: string, address: string): Promise<string> {
  const db = ctx.database.db;
  const link = await repo.findLinkByToken(db, token);
  const unit = link ? await findUnitById(db, link.unitId) : undefined;
  if (!link || !unit) throw new NotFoundError('Invitation');
  const now = ctx.clock.now();
  if (ctx.invitationScanLimit.hit(`${address}|${link.id}`, now) === 0) {
    await ctx.database.transaction((trx) => repo.countScan(trx, link, vietnamDay(now)));
  }
  return unitPagePath(unit.slug, link.groupId);
}
