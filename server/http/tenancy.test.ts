import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUnits } from '../modules/units/units.service.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';
import { multipart, pdfBytes } from '../test/uploads.js';
import { connectTestOa, postSigned, testOa, userText } from '../test/zalo-webhooks.js';

// Walks every console route with officers of another unit: none may read or change
// anything of Thạch Trung. A new console route is covered automatically: it is unit-scoped
// (:unitId, with :officerId and :inviteId filled with a Thạch Trung officer and pending invite), conversation-scoped (/conversations/:id, walked with a Thạch Trung conversation),
// attachment-scoped (/attachments/:id, walked with an upload to that conversation), post-scoped
// (/posts/:id, walked with a submitted Thạch Trung post), post-media-scoped (/post-media/:id, walked
// with a file of that post), tip-scoped (/tips/:id, walked with an identified Thạch Trung tip;
// /tip-attachments/:id, with that tip's file),
// group-scoped (/groups/:groupId, walked with a Thạch Trung residential group and a resident in
// it), board-message-scoped (/board-messages/:id, walked with that resident's message on the
// group's board), or listed here on purpose.
const ROUTES_WITHOUT_UNIT = new Set([
  'POST /api/v1/console/session',
  'DELETE /api/v1/console/session',
  'GET /api/v1/console/me',
  'GET /api/v1/console/units',
  'GET /api/v1/console/invites/:token',
  'POST /api/v1/console/invites/:token/accept',
  'GET /api/v1/console/reset-links/:token',
  'POST /api/v1/console/reset-links/:token',
  // Shared knowledge base: readable by every officer, editable by admins only (kb.test.ts).
  'GET /api/v1/console/kb/procedures/:id',
  'GET /api/v1/console/kb/procedures/:id/versions',
  'PUT /api/v1/console/kb/procedures/:id',
]);

const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/console/units/:unitId': { address: 'Tampered' },
  'POST /api/v1/console/units/:unitId/merge': { intoUnitId: 'UNIT_B' },
  'POST /api/v1/console/units/:unitId/invites': { role: 'officer', displayName: 'Kẻ lạ' },
  'PATCH /api/v1/console/units/:unitId/officers/:officerId': { disabled: true },
  'POST /api/v1/console/units/:unitId/officers/:officerId/reset-links': { kind: 'both' },
  'PUT /api/v1/console/units/:unitId/procedure-notes/:procedureId': { note: 'Tampered' },
  'POST /api/v1/console/units/:unitId/canned-replies': { title: 'Tampered', text: 'Tampered' },
  'POST /api/v1/console/conversations/:id/messages': { clientId: 'tenancy-0001', text: 'Tampered' },
  'POST /api/v1/console/conversations/:id/assign': { officerId: 'OFFICER_A' },
  'POST /api/v1/console/conversations/:id/labels': { labels: ['tampered'] },
  'POST /api/v1/console/units/:unitId/posts': { title: 'Tampered', body: 'Tampered', category: 'other' },
  'PATCH /api/v1/console/posts/:id': { title: 'Tampered' },
  'POST /api/v1/console/posts/:id/reject': { reason: 'Tampered' },
  'POST /api/v1/console/posts/:id/retract': { reason: 'Tampered' },
  'POST /api/v1/console/posts/:id/close': { note: 'Tampered' },
  'POST /api/v1/console/units/:unitId/groups': { name: 'Tampered', kind: 'thon' },
  'POST /api/v1/console/groups/:groupId/board': { text: 'Tampered' },
  'PUT /api/v1/console/groups/:groupId/zalo': { zaloGroupId: 'f414c8f76fa586fbdfb4' },
  'POST /api/v1/console/board-messages/:id/hide': { reason: 'Tampered' },
  'POST /api/v1/console/board-messages/:id/reports/resolve': { outcome: 'dismiss' },
  'POST /api/v1/console/groups/:groupId/board/pinned-posts': { postId: 'POST_ID' },
  'POST /api/v1/console/groups/:groupId/mutes': { residentId: 'MEMBER_ID', duration: '7d', reason: 'Tampered' },
  'POST /api/v1/console/units/:unitId/invitation-kits': { groupId: 'GROUP_A' },
  'PUT /api/v1/console/units/:unitId/tip-deadlines': {
    items: [{ category: 'theft', acknowledgeHours: 1, checkHours: 1, settleDays: 1 }],
  },
  'POST /api/v1/console/tips/:id/messages': { text: 'Tampered' },
  'POST /api/v1/console/tips/:id/notes': { text: 'Tampered' },
  'POST /api/v1/console/tips/:id/transition': { to: 'acknowledged' },
  'POST /api/v1/console/tips/:id/reveal': { reason: 'Tampered' },
  'POST /api/v1/console/tips/:id/priority': { priority: 'urgent' },
  'POST /api/v1/console/tips/:id/merge': { intoTipId: 'TIP', reason: 'Tampered' },
  'POST /api/v1/console/units/:unitId/zalo/oauth/start': { appId: '1', appSecret: 'x', oaSecretKey: 'x' },
  'POST /api/v1/console/units/:unitId/zalo/tokens': {
    oaId: '1',
    appId: '1',
    appSecret: 'x',
    oaSecretKey: 'x',
    accessToken: 'x',
    refreshToken: 'x',
  },
  'POST /api/v1/console/units/:unitId/zalo/test': { zaloUserId: '1' },
};

const CONVERSATION_ROUTE = /^\/api\/v1\/console\/conversations\/:id(\/|$)/;
const ATTACHMENT_ROUTE = /^\/api\/v1\/console\/attachments\/:id(\/|$)/;
const POST_ROUTE = /^\/api\/v1\/console\/posts\/:id(\/|$)/;
const GROUP_ROUTE = /^\/api\/v1\/console\/groups\/:groupId(\/|$)/;
const TIP_ROUTE = /^\/api\/v1\/console\/tips\/:id(\/|$)/;
const BOARD_MESSAGE_ROUTE = /^\/api\/v1\/console\/board-messages\/:id(\/|$)/;
const POST_MEDIA_ROUTE = /^\/api\/v1\/console\/post-media\/:id(\/|$)/;
const TIP_ATTACHMENT_ROUTE = /^\/api\/v1\/console\/tip-attachments\/:id(\/|$)/;
/** Routes whose ids name one thing of a unit rather than the unit. */
const SCOPED_ROUTES = [
  CONVERSATION_ROUTE,
  ATTACHMENT_ROUTE,
  POST_ROUTE,
  GROUP_ROUTE,
  BOARD_MESSAGE_ROUTE,
  POST_MEDIA_ROUTE,
  TIP_ROUTE,
  TIP_ATTACHMENT_ROUTE,
];
const scoped = (url: string) => SCOPED_ROUTES.some((r) => r.test(url));
const BOUNDARY = '----tenancy-boundary';

describe('tenancy: officers of another unit', () => {
  const routes: { method: string; url: string }[] = [];
  let env: TestEnv;
  let target: { id: string };
  let other: { id: string };
  let targetOfficerId: string;
  let targetOfficerSession: string;
  let targetInviteId: string;
  let conversationId: string;
  let attachmentId = 'none';
  let postId: string;
  let postMediaId: string;
  let groupId: string;
  let memberId: string;
  let boardMessageId: string;
  let tipId: string;
  let tipAttachmentId: string;
  const outsiders: Record<string, string> = {};

  /** Fills a route's parameters with Thạch Trung's unit, officer, conversation and attachment. */
  function concrete(url: string): string {
    const id = ATTACHMENT_ROUTE.test(url)
      ? attachmentId
      : POST_ROUTE.test(url)
        ? postId
        : BOARD_MESSAGE_ROUTE.test(url)
          ? boardMessageId
          : POST_MEDIA_ROUTE.test(url)
            ? postMediaId
            : TIP_ROUTE.test(url)
              ? tipId
              : TIP_ATTACHMENT_ROUTE.test(url)
                ? tipAttachmentId
                : conversationId;
    return url
      .replace(':postId', postId)
      .replace(':unitId', target.id)
      .replace(':officerId', targetOfficerId)
      .replace(':inviteId', targetInviteId)
      .replace(':groupId', groupId)
      .replace(':residentId', memberId)
      .replace(':id', id);
  }

  async function conversationSnapshot() {
    const db = env.ctx.database.db;
    return {
      conversation: await db.selectFrom('conversations').selectAll().where('unitId', '=', target.id).execute(),
      messages: await db.selectFrom('messages').select('id').where('unitId', '=', target.id).execute(),
      canned: await db.selectFrom('cannedReplies').select('id').where('unitId', '=', target.id).execute(),
      attachments: await db.selectFrom('attachments').selectAll().where('unitId', '=', target.id).execute(),
      posts: await db.selectFrom('posts').selectAll().where('unitId', '=', target.id).execute(),
      postEvents: await db.selectFrom('postEvents').select('id').where('unitId', '=', target.id).execute(),
      postMedia: await db.selectFrom('postMedia').selectAll().where('unitId', '=', target.id).execute(),
      groups: await db.selectFrom('residentialGroups').selectAll().where('unitId', '=', target.id).execute(),
      members: await db.selectFrom('groupMembers').selectAll().where('unitId', '=', target.id).execute(),
      board: await db.selectFrom('boardMessages').selectAll().where('unitId', '=', target.id).execute(),
      pins: await db.selectFrom('boardPostPins').selectAll().where('unitId', '=', target.id).execute(),
      mutes: await db.selectFrom('boardMutes').selectAll().where('unitId', '=', target.id).execute(),
      reports: await db.selectFrom('boardReports').selectAll().where('unitId', '=', target.id).execute(),
      invitationLinks: await db.selectFrom('invitationLinks').selectAll().where('unitId', '=', target.id).execute(),
      tips: await db.selectFrom('tips').selectAll().execute(),
      tipMessages: await db.selectFrom('tipMessages').select('id').execute(),
      tipEvents: await db.selectFrom('tipEvents').select('id').execute(),
      tipReveals: await db.selectFrom('tipReveals').select('id').execute(),
      tipDeadlines: await db.selectFrom('tipDeadlines').selectAll().execute(),
      tipAttachments: await db.selectFrom('tipAttachments').selectAll().execute(),
      zaloConnections: await db.selectFrom('zaloConnections').selectAll().execute(),
      zaloEvents: await db.selectFrom('zaloEvents').selectAll().execute(),
    };
  }

  beforeAll(async () => {
    env = await createTestEnv({ onRoute: (r) => routes.push(r) });
    target = await unitBySlug(env, 'thach-trung');
    other = await unitBySlug(env, 'dai-nai');
    const targetOfficer = await createOfficer(env, 'officer', 'thach-trung');
    targetOfficerId = targetOfficer.id;
    targetOfficerSession = await signIn(env, targetOfficer);
    const targetOwner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
    const invited = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${target.id}/invites`,
      headers: { cookie: targetOwner },
      payload: { role: 'officer', displayName: 'Người được mời' },
    });
    targetInviteId = invited.json<{ id: string }>().id;
    // A Thạch Trung post with a file waiting for approval, and a residential group with a resident in it.
    const file = multipart([{ filename: 'a.pdf', type: 'application/pdf', data: pdfBytes() }]);
    const media = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${target.id}/post-media`,
      headers: { ...file.headers, cookie: targetOfficerSession },
      payload: file.payload,
    });
    expect(media.statusCode, media.body).toBe(201);
    postMediaId = media.json<{ id: string }>().id;
    const drafted = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${target.id}/posts`,
      headers: { cookie: targetOfficerSession },
      payload: { title: 'Thông báo', body: 'Nội dung', category: 'event', mediaIds: [postMediaId] },
    });
    postId = drafted.json<{ id: string }>().id;
    const submitted = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/posts/${postId}/submit`,
      headers: { cookie: targetOfficerSession },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const group = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${target.id}/groups`,
      headers: { cookie: targetOwner },
      payload: { name: 'Xóm Trung Phú', kind: 'thon' },
    });
    groupId = group.json<{ id: string }>().id;
    const joined = await env.app.inject({ method: 'POST', url: `/api/v1/public/groups/${groupId}/join` });
    const memberCookie = `kn_resident=${joined.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const written = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/groups/${groupId}/board`,
      headers: { cookie: memberCookie },
      payload: { text: 'Tin nhắn của thành viên' },
    });
    expect(written.statusCode, written.body).toBe(201);
    boardMessageId = written.json<{ id: string }>().id;
    const members = await env.app.inject({
      url: `/api/v1/console/groups/${groupId}/members`,
      headers: { cookie: targetOwner },
    });
    memberId = members.json<{ items: { residentId: string }[] }>().items[0]?.residentId ?? '';
    expect(memberId).not.toBe('');
    // An identified Thạch Trung tip (its vault is what a reveal would open), with a file.
    const tipFile = await env.app.inject({
      method: 'POST',
      url: '/api/v1/public/units/thach-trung/tip-attachments',
      headers: file.headers,
      payload: file.payload,
    });
    expect(tipFile.statusCode, tipFile.body).toBe(201);
    const upload = tipFile.json<{ id: string; uploadToken: string }>();
    tipAttachmentId = upload.id;
    const tipped = await env.app.inject({
      method: 'POST',
      url: '/api/v1/public/units/thach-trung/tips',
      payload: {
        category: 'theft',
        description: 'Mất trộm',
        anonymous: false,
        contact: { phone: '0912345678' },
        attachments: [{ id: upload.id, uploadToken: upload.uploadToken }],
      },
    });
    expect(tipped.statusCode, tipped.body).toBe(201);
    const tipRow = await env.ctx.database.db
      .selectFrom('tips')
      .select('id')
      .where('receiptCode', '=', tipped.json<{ receiptCode: string }>().receiptCode)
      .executeTakeFirstOrThrow();
    tipId = tipRow.id;
    const tipFileSeen = await env.app.inject({
      url: `/api/v1/console/tip-attachments/${tipAttachmentId}`,
      headers: { cookie: targetOfficerSession },
    });
    expect(tipFileSeen.statusCode, tipFileSeen.body).toBe(200);
    outsiders.officer = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
    outsiders.owner = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    // A supervisor of a different city.
    await importUnits(
      env.ctx,
      { actorId: null, actorName: 'test', ip: null },
      { parent: 'ha-tinh', units: [{ slug: 'tx-ky-anh', kind: 'city', name: 'Thị xã Kỳ Anh' }] },
    );
    outsiders.supervisorOfAnotherCity = await signIn(env, await createOfficer(env, 'supervisor', 'tx-ky-anh'));
    // A Thạch Trung conversation handed over to its officers, with an uploaded photo.
    const opened = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
    conversationId = opened.json<{ id: string }>().id;
    const cookie = `kn_resident=${opened.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const asked = await env.app.inject({
      method: 'POST',
      url: `/api/v1/public/conversations/${conversationId}/messages`,
      headers: { cookie },
      payload: { clientId: 'tenancy-resident-1', text: 'cho tôi gặp cán bộ' },
    });
    expect(asked.json<{ conversation: { status: string } }>().conversation.status).toBe('open');
    if (routes.some((r) => ATTACHMENT_ROUTE.test(r.url))) {
      const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
      const payload = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${BOUNDARY}--\r\n`;
      const up = await env.app.inject({
        method: 'POST',
        url: `/api/v1/public/conversations/${conversationId}/attachments`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      attachmentId = up.json<{ id: string }>().id;
      // Sent with a message, so every officer of Thạch Trung may open it (not only its uploader).
      const sent = await env.app.inject({
        method: 'POST',
        url: `/api/v1/public/conversations/${conversationId}/messages`,
        headers: { cookie },
        payload: { clientId: 'tenancy-resident-2', text: '', attachmentIds: [attachmentId] },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const insider = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
      const seen = await env.app.inject({
        url: `/api/v1/console/attachments/${attachmentId}`,
        headers: { cookie: insider },
      });
      expect(seen.statusCode, seen.body).toBe(200);
    }
    // Thạch Trung's Zalo OA, with one event received.
    const oa = testOa();
    await connectTestOa(env, 'thach-trung', oa);
    expect((await postSigned(env, oa, userText(oa))).statusCode).toBe(200);
  });
  afterAll(async () => env.close());

  it('covers every console route', () => {
    const console = routes.filter((r) => r.url.startsWith('/api/v1/console') && r.method !== 'HEAD');
    expect(console.length).toBeGreaterThan(8);
    for (const r of console) {
      const key = `${r.method} ${r.url}`;
      if (ROUTES_WITHOUT_UNIT.has(key) || scoped(r.url)) continue;
      expect(r.url, key).toContain(':unitId');
    }
  });

  it.each(['officer', 'owner', 'supervisorOfAnotherCity'])(
    '%s gets 403/404 on every unit route of another unit and changes nothing',
    async (who) => {
      const before = await env.ctx.database.db
        .selectFrom('units')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirst();
      const conversationsBefore = await conversationSnapshot();
      const unitRoutes = routes.filter(
        (r) =>
          r.url.startsWith('/api/v1/console') && (r.url.includes(':unitId') || scoped(r.url)) && r.method !== 'HEAD',
      );
      expect(unitRoutes.filter((r) => CONVERSATION_ROUTE.test(r.url)).length).toBeGreaterThan(5);
      expect(unitRoutes.filter((r) => POST_ROUTE.test(r.url)).length).toBeGreaterThan(6);
      expect(unitRoutes.filter((r) => GROUP_ROUTE.test(r.url)).length).toBe(13);
      expect(unitRoutes.filter((r) => BOARD_MESSAGE_ROUTE.test(r.url)).length).toBe(7);
      expect(unitRoutes.filter((r) => TIP_ROUTE.test(r.url)).length).toBe(8);
      expect(unitRoutes.filter((r) => TIP_ATTACHMENT_ROUTE.test(r.url)).length).toBe(2);
      for (const r of unitRoutes) {
        const key = `${r.method} ${r.url}`;
        const url = concrete(r.url);
        const body = BODIES[key]
          ? (JSON.parse(
              JSON.stringify(BODIES[key])
                .replace('UNIT_B', other.id)
                .replace('OFFICER_A', targetOfficerId)
                .replace('GROUP_A', groupId)
                .replace('"TIP"', JSON.stringify(tipId)),
            ) as object)
          : undefined;
        const res = await env.app.inject({
          method: r.method as 'GET',
          url,
          headers: { cookie: outsiders[who] ?? '' },
          ...(body ? { payload: body } : {}),
        });
        expect([403, 404], `${who}: ${key} answered ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      }
      const after = await env.ctx.database.db
        .selectFrom('units')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirst();
      expect(after).toEqual(before);
      const officer = await env.ctx.database.db
        .selectFrom('officers')
        .select('disabledAt')
        .where('id', '=', targetOfficerId)
        .executeTakeFirst();
      expect(officer?.disabledAt).toBeNull();
      expect(await conversationSnapshot()).toEqual(conversationsBefore);
      const invite = await env.ctx.database.db
        .selectFrom('invites')
        .select('withdrawnAt')
        .where('id', '=', targetInviteId)
        .executeTakeFirst();
      expect(invite).toEqual({ withdrawnAt: null });
      expect(await env.ctx.database.db.selectFrom('credentialResets').selectAll().execute()).toEqual([]);
      const me = await env.app.inject({ url: '/api/v1/console/me', headers: { cookie: targetOfficerSession } });
      expect(me.statusCode).toBe(200);
    },
  );

  it('without a session every console route but sign-in and invites answers 401', async () => {
    const open = new Set([
      'POST /api/v1/console/session',
      'GET /api/v1/console/invites/:token',
      'POST /api/v1/console/invites/:token/accept',
      'GET /api/v1/console/reset-links/:token',
      'POST /api/v1/console/reset-links/:token',
    ]);
    for (const r of routes.filter((x) => x.url.startsWith('/api/v1/console') && x.method !== 'HEAD')) {
      if (open.has(`${r.method} ${r.url}`)) continue;
      const res = await env.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('the console unit list shows only the actor’s own units', async () => {
    const res = await env.app.inject({ url: '/api/v1/console/units', headers: { cookie: outsiders.owner ?? '' } });
    expect(res.json<{ items: { slug: string }[] }>().items.map((u) => u.slug)).toEqual(['dai-nai']);
  });
});
