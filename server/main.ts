import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { webAdapter } from './channels/web/web-adapter.js';
import { webPushAdapter } from './channels/webpush/webpush-adapter.js';
import { zaloAdapter } from './modules/zalo/zalo-adapter.js';
import { OutboxDispatcher } from './jobs/outbox-dispatcher.js';
import { startPeriodic } from './jobs/periodic.js';
import { sweepUnsentUploads } from './modules/attachments/sweep.js';
import { issueSetupLinkIfNoAdmin } from './modules/accounts/accounts.service.js';
import { publishDuePosts } from './modules/broadcasts/scheduler.js';
import { conversationOutbox } from './modules/conversations/outbox-source.js';
import { postNotifications, zaloGroupPostContents } from './modules/broadcasts/deliveries.js';
import { postDeliveryDispatcher } from './modules/push/post-delivery-source.js';
import { webPushSubscriptions } from './modules/push/push-subscriptions.store.js';
import { seedKnowledgeBaseIfEmpty } from './modules/knowledge/kb.service.js';
import { escalateOverdueTips } from './modules/tips/escalation.js';
import { sweepUnclaimedTipUploads } from './modules/tips/tip-attachments.js';
import { seedUnitsIfEmpty } from './modules/units/units.service.js';
import { zaloGroupPostDispatcher } from './modules/zalo/zalo-group-posts.js';
import { processZaloEvents } from './modules/zalo/zalo-inbound.js';

/** Starts the whole system in one process: config → database → migrate → seed → app → listen. */
export async function startServer(): Promise<void> {
  const config = loadConfig();
  const ctx = await createContext(config);
  const app = await buildApp(ctx);
  const log = ctx.log;
  if (config.seed) {
    const seeded = await seedUnitsIfEmpty(ctx);
    if (seeded) log.info({ seeded }, 'loaded the Hà Tĩnh unit seed');
    const kb = await seedKnowledgeBaseIfEmpty(ctx);
    if (kb) log.info({ kb }, 'loaded the procedures knowledge base seed');
  }

  const dispatcher = new OutboxDispatcher(ctx, [webAdapter(ctx), zaloAdapter(ctx)], conversationOutbox(ctx), {
    leaseMs: config.outbox.leaseMs,
    onError: (err) => ctx.reportError('outbox.dispatch', err),
  });
  // Until the broadcasts module hands its PostDeliverySource here, no post is queued for delivery.
  // Push services answer in a few hundred ms: 16 sends in flight, each given 5 s, end a batch of
  // 64 well within the lease.
  const pushDispatcher = postDeliveryDispatcher(
    ctx,
    [webPushAdapter(ctx, webPushSubscriptions(ctx))],
    postNotifications(ctx),
    {
      leaseMs: config.outbox.leaseMs,
      batch: 64,
      concurrency: 16,
      maxAttempts: 6,
      onError: (err) => ctx.reportError('post_deliveries.dispatch', err),
    },
  );
  // Posts to residential groups' linked Zalo groups: few rows (one per post and group), one at a time.
  const zaloGroupDispatcher = zaloGroupPostDispatcher(ctx, zaloGroupPostContents(ctx), {
    leaseMs: config.outbox.leaseMs,
    onError: (err) => ctx.reportError('zalo_group_posts.dispatch', err),
  });
  const dispatchers = [dispatcher, pushDispatcher, zaloGroupDispatcher];

  let stopSweeper: (() => void) | null = null;
  let stopScheduler: (() => void) | null = null;
  let stopTipDeadlines: (() => void) | null = null;
  let stopTipUploadSweep: (() => void) | null = null;
  let stopZaloInbound: (() => void) | null = null;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopSweeper?.();
    stopScheduler?.();
    stopTipDeadlines?.();
    stopTipUploadSweep?.();
    stopZaloInbound?.();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    Promise.all(dispatchers.map((d) => d.stop()))
      .then(() => app.close())
      .then(() => ctx.database.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.http.port, host: config.http.host });
  for (const d of dispatchers) d.start();
  stopSweeper = startPeriodic(() => sweepUnsentUploads(ctx), {
    everyMs: 3600_000,
    onDone: (n) => {
      if (n > 0) log.info({ deleted: n }, 'deleted uploads no message sent');
    },
    onError: (err) => ctx.reportError('uploads.sweep', err),
  });
  stopScheduler = startPeriodic(() => publishDuePosts(ctx), {
    everyMs: 60_000,
    onDone: (n) => {
      if (n > 0) log.info({ published: n }, 'published scheduled posts');
    },
    onError: (err) => ctx.reportError('posts.schedule', err),
  });
  stopTipUploadSweep = startPeriodic(() => sweepUnclaimedTipUploads(ctx), {
    everyMs: 3600_000,
    onDone: (n) => {
      if (n > 0) log.info({ deleted: n }, 'deleted tip uploads no tip took');
    },
    onError: (err) => ctx.reportError('tips.uploads.sweep', err),
  });
  stopTipDeadlines = startPeriodic(() => escalateOverdueTips(ctx), {
    everyMs: 60_000,
    onDone: (n) => {
      if (n > 0) log.info({ escalated: n }, "escalated overdue tips to their units' owners");
    },
    onError: (err) => ctx.reportError('tips.escalate', err),
  });
  // Zalo webhook events: at once after each webhook commit, and every 5 s for retries and other processes' events.
  stopZaloInbound = startPeriodic(() => processZaloEvents(ctx), {
    everyMs: 5_000,
    wake: ctx.zaloEventsArrived,
    onError: (err) => ctx.reportError('zalo.inbound', err),
  });
  const setupUrl = await issueSetupLinkIfNoAdmin(ctx);
  if (setupUrl) {
    log.warn('no admin exists yet: open the one-time setup link printed on stdout');
    process.stdout.write(
      `\n  Kết nối An ninh: chưa có quản trị viên / no admin yet.\n  Mở liên kết sau để tạo tài khoản quản trị đầu tiên (dùng một lần, 24 giờ):\n  Open this one-time link to create the first admin (valid 24 h):\n\n  ${setupUrl}\n\n`,
    );
  }
}
