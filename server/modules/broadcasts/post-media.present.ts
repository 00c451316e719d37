import { z } from 'zod';
import { POST_MEDIA_KINDS, type PostMedia, type PostMediaKind } from '../../../contracts/broadcasts.js';
import type { PostMediaRow } from '../../db/schema/index.js';

// A post's media as the console (any of the post's, with console URLs) and residents (public URLs) see them.

export type MediaAudience = 'public' | 'console';

export const kindOf = (row: PostMediaRow): PostMediaKind => z.enum(POST_MEDIA_KINDS).catch('file').parse(row.kind);

/** A medium as the API shows it, with URLs of the audience's download routes. */
export function presentMedia(row: PostMediaRow, audience: MediaAudience): PostMedia {
  const url = `/api/v1/${audience}/post-media/${row.id}`;
  return {
    id: row.id,
    kind: kindOf(row),
    mimeType: row.mimeType,
    name: row.originalName,
    sizeBytes: Number(row.sizeBytes),
    width: row.width,
    height: row.height,
    url,
    thumbnailUrl: row.thumbnailKey ? `${url}/thumbnail` : null,
  };
}
