import type { Database, Executor } from '../../db/database.js';
import type { ZaloSendStep } from '../../channels/zalo/outbound-plan.js';
import { recordSentPieces, saveStepsDone, stepsDone } from './zalo-users.repository.js';

// Sends whose outcome is not recorded yet. Zalo's cs API takes no idempotency key: a process that
// dies after Zalo took a piece and before it recorded that would, on a plain retry, send the piece
// again. So an attempt is written down before its first call and removed with its record; after a
// crash the row is still there, and Zalo's echo of each piece it took (oa_send_text, which carries
// the text) confirms that piece. The retry waits for the echoes, then sends only what no echo
// confirmed. Uploads are not echoed as text: an image or file cut short is sent again.

/** What an attempt writes before its first call. */
export interface InFlightSend {
  idempotencyKey: string;
  oaId: string;
  zaloUserId: string;
  messageId: string;
  fromStep: number;
  steps: readonly ZaloSendStep[];
  startedAt: number;
}

export async function startInFlight(db: Executor, send: InFlightSend): Promise<void> {
  const { steps, ...fields } = send;
  const stepTexts = JSON.stringify(steps.slice(send.fromStep).map((s) => (s.kind === 'text' ? s.text : null)));
  await db
    .insertInto('zaloSendsInFlight')
    .values({ ...fields, stepTexts })
    .onConflict((oc) =>
      oc
        .column('idempotencyKey')
        .doUpdateSet({ fromStep: send.fromStep, stepTexts, startedAt: send.startedAt, noticedAt: null }),
    )
    .execute();
}

/**
 * How long to wait before the send left behind is taken up again: `echoWaitMs` from when it was
 * first found (a restarted process may come up long after the crash, and Zalo resends the echoes
 * the dead process missed some time after that), 0 once that is over.
 */
export async function waitForEchoes(
  database: Database,
  idempotencyKey: string,
  now: number,
  echoWaitMs: number,
): Promise<number> {
  // Most sends find nothing left behind: a read, no write transaction.
  const left = await database.db
    .selectFrom('zaloSendsInFlight')
    .select('idempotencyKey')
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
  if (!left) return 0;
  return database.transaction(async (trx) => {
    const row = await trx
      .selectFrom('zaloSendsInFlight')
      .select('noticedAt')
      .where('idempotencyKey', '=', idempotencyKey)
      .executeTakeFirst();
    if (!row) return 0;
    if (row.noticedAt !== null) return Math.max(0, row.noticedAt + echoWaitMs - now);
    await trx
      .updateTable('zaloSendsInFlight')
      .set({ noticedAt: now })
      .where('idempotencyKey', '=', idempotencyKey)
      .execute();
    return echoWaitMs;
  });
}

export async function endInFlight(db: Executor, idempotencyKey: string): Promise<void> {
  await db.deleteFrom('zaloSendsInFlight').where('idempotencyKey', '=', idempotencyKey).execute();
}

/**
 * An echo of an OA message Zalo sent to `zaloUserId`: when it is the next unconfirmed piece of a
 * send in flight to that user, that piece is recorded as sent (its Zalo id is ours) and true is
 * returned. Pieces go one after the other, so their echoes confirm them in order.
 */
export async function confirmPieceByEcho(
  database: Database,
  echo: { oaId: string; zaloUserId: string; zaloMessageId: string; text: string; at: number },
): Promise<boolean> {
  return database.transaction(async (trx) => {
    const sends = await trx
      .selectFrom('zaloSendsInFlight')
      .selectAll()
      .where('oaId', '=', echo.oaId)
      .where('zaloUserId', '=', echo.zaloUserId)
      .orderBy('startedAt')
      .$if(database.dialect === 'postgres', (q) => q.forUpdate())
      .execute();
    for (const send of sends) {
      const done = await stepsDone(trx, send.idempotencyKey);
      const texts = JSON.parse(send.stepTexts) as (string | null)[];
      if (texts[done - send.fromStep] !== echo.text) continue;
      await recordSentPieces(trx, echo.oaId, send.messageId, [echo.zaloMessageId], echo.at);
      await saveStepsDone(trx, send.idempotencyKey, done + 1);
      return true;
    }
    return false;
  });
}
