import type { BoardMessage, ConsoleBoardMessage, PinnedPost } from '../../../contracts/board.js';
import { BadRequestError } from '../../lib/errors.js';
import { toIso } from '../../lib/time.js';
import type { BoardMessageView, PinnedPostView } from './board.repository.js';

// Board messages as residents and officers see them. Residents see nothing of a hidden message but
// that it was there; officers see it whole, with why and when it was hidden.

type Audience = 'public' | 'console';

function photoOf(m: BoardMessageView, audience: Audience): BoardMessage['photo'] {
  if (!m.photoKey) return null;
  const url = `/api/v1/${audience}/board-messages/${m.id}/photo`;
  return { url, thumbnailUrl: `${url}/thumbnail`, width: m.photoWidth, height: m.photoHeight };
}

function authorOf(m: BoardMessageView, isMe: boolean): NonNullable<BoardMessage['author']> {
  return m.authorOfficerId !== null || m.authorResidentId === null
    ? { kind: 'unit', name: m.unitName, isMe }
    : { kind: 'resident', name: m.residentName, isMe };
}

/** What a member reads of a message. */
export function presentForResident(m: BoardMessageView, readerId: string): BoardMessage {
  const base = { id: m.id, groupId: m.groupId, createdAt: toIso(m.createdAt) ?? '' };
  if (m.hiddenAt !== null) return { ...base, hidden: true, pinned: false, author: null, text: null, photo: null };
  return {
    ...base,
    hidden: false,
    pinned: m.pinnedAt !== null,
    author: authorOf(m, m.authorResidentId === readerId),
    text: m.text,
    photo: photoOf(m, 'public'),
  };
}

/** What officers read of a message, hidden or not. */
export function presentForConsole(m: BoardMessageView, officerId: string, openReports: number): ConsoleBoardMessage {
  return {
    id: m.id,
    groupId: m.groupId,
    createdAt: toIso(m.createdAt) ?? '',
    hidden: m.hiddenAt !== null,
    pinned: m.pinnedAt !== null,
    author: authorOf(m, m.authorOfficerId === officerId),
    authorResidentId: m.authorResidentId,
    text: m.text,
    photo: photoOf(m, 'console'),
    hiddenAt: toIso(m.hiddenAt),
    hideReason: m.hideReason,
    openReports,
  };
}

export function presentPinnedPost(p: PinnedPostView): PinnedPost {
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    publishedAt: toIso(p.publishedAt),
    verificationCode: p.verificationCode,
    pinnedAt: toIso(p.pinnedAt) ?? '',
  };
}

const CURSOR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A page cursor is the last message's id (ids sort by time). */
export function parseBoardCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  if (!CURSOR.test(cursor)) throw new BadRequestError('invalid_cursor', 'cursor: not a cursor from this list');
  return cursor;
}

/** The next page's cursor when the page came back full. */
export function nextBoardCursor(items: { id: string }[], limit: number): string | null {
  return items.length === limit ? (items[items.length - 1]?.id ?? null) : null;
}
