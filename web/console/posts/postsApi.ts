import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload, isApiError } from '../../api';
import type { ConsolePost, Group, Page, PostCategory, PostMedia, PostStatus, Recipients } from '../../broadcasts/types';

/** What the editor produces: a new post, or the whole of an edited one (editBody keeps what changed). */
export interface PostInput {
  title: string;
  body: string;
  category: PostCategory;
  /** null: the whole unit. */
  audience: { groupIds: string[] } | null;
  publishAt: string | null;
  expiresAt: string | null;
  /** The media in order (uploaded with useUploadPostMedia). */
  mediaIds: string[];
  /** Required with an audio clip, null without one. */
  audioTranscript: string | null;
  linkUrl: string | null;
  /** Required when correcting a published post. */
  correctionNote?: string;
}

const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
const postPath = (id: string) => `/api/v1/console/posts/${encodeURIComponent(id)}`;
export const postKey = (id: string) => ['console', 'post', id];
const listKey = (unitId: string) => ['console', 'posts', unitId];

/** The unit's posts in one status (or all), newest first, a page at a time. */
export function usePostList(unitId: string, status: PostStatus | null) {
  return useInfiniteQuery({
    queryKey: [...listKey(unitId), status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams();
      if (status) qs.set('status', status);
      if (pageParam) qs.set('cursor', pageParam);
      return api<Page<ConsolePost>>(`/api/v1/console/units/${unitId}/posts?${qs.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry,
    staleTime: 5_000,
  });
}

export function usePost(id: string) {
  return useQuery({
    queryKey: postKey(id),
    queryFn: ({ signal }) => api<ConsolePost>(postPath(id), { signal }),
    retry,
  });
}

export function useRecipients(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['console', 'post-recipients', id],
    queryFn: ({ signal }) => api<Recipients>(`${postPath(id)}/recipients`, { signal }),
    enabled,
    retry,
    staleTime: 0,
  });
}

export function useGroups(unitId: string) {
  return useQuery({
    queryKey: ['console', 'groups', unitId],
    queryFn: ({ signal }) =>
      api<{ items: Group[] }>(`/api/v1/console/units/${unitId}/groups`, { signal }).then((r) => r.items),
    retry,
  });
}

/** A changed post: its own cache now, the lists, the unit's audit log and the public pages on next read. */
function useStorePost(unitId: string) {
  const queryClient = useQueryClient();
  return (post: ConsolePost) => {
    queryClient.setQueryData(postKey(post.id), post);
    void queryClient.invalidateQueries({ queryKey: listKey(unitId) });
    void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unitId] });
    void queryClient.invalidateQueries({ queryKey: ['public'] });
  };
}

export function useCreatePost(unitId: string) {
  const store = useStorePost(unitId);
  return useMutation({
    mutationFn: (input: PostInput) =>
      api<ConsolePost>(`/api/v1/console/units/${unitId}/posts`, { method: 'POST', body: createBody(input) }),
    onSuccess: store,
  });
}

export function useEditPost(unitId: string, id: string) {
  const store = useStorePost(unitId);
  return useMutation({
    mutationFn: (patch: Partial<PostInput>) => api<ConsolePost>(postPath(id), { method: 'PATCH', body: patch }),
    onSuccess: store,
  });
}

/** Uploads an image, audio clip or file for a post of the unit (not in a post until it is saved with it). */
export function useUploadPostMedia(unitId: string) {
  return useMutation({
    mutationFn: (file: File) =>
      apiUpload<PostMedia>(`/api/v1/console/units/${encodeURIComponent(unitId)}/post-media`, file, file.name),
  });
}

export type WorkflowStep = 'submit' | 'approve' | 'reject' | 'retract' | 'close';

/** submit, approve, reject {reason}, retract {reason}. */
export function usePostStep(unitId: string, id: string) {
  const store = useStorePost(unitId);
  return useMutation({
    mutationFn: ({ step, reason }: { step: WorkflowStep; reason?: string }) =>
      api<ConsolePost>(`${postPath(id)}/${step}`, {
        method: 'POST',
        // Closing an alert carries the note residents read; the other steps a reason.
        body: reason === undefined ? {} : step === 'close' ? { note: reason } : { reason },
      }),
    onSuccess: store,
  });
}

/** A new post's body: fields left empty are left out (the whole unit, no schedule, no expiry). */
function createBody(input: PostInput): Record<string, unknown> {
  const body: Record<string, unknown> = { title: input.title, body: input.body, category: input.category };
  if (input.audience) body.audience = input.audience;
  if (input.publishAt) body.publishAt = input.publishAt;
  if (input.expiresAt) body.expiresAt = input.expiresAt;
  if (input.mediaIds.length) body.mediaIds = input.mediaIds;
  if (input.audioTranscript) body.audioTranscript = input.audioTranscript;
  if (input.linkUrl) body.linkUrl = input.linkUrl;
  return body;
}

/** An edit's body: only what changed; a cleared time or "the whole unit" is sent as null. */
export function editBody(post: ConsolePost, input: PostInput): Partial<PostInput> {
  const patch: Partial<PostInput> = {};
  if (input.title !== post.title) patch.title = input.title;
  if (input.body !== post.body) patch.body = input.body;
  if (input.category !== post.category) patch.category = input.category;
  if (!sameAudience(input.audience, post.audience)) patch.audience = input.audience;
  if (!sameTime(input.publishAt, post.publishAt)) patch.publishAt = input.publishAt;
  if (!sameTime(input.expiresAt, post.expiresAt)) patch.expiresAt = input.expiresAt;
  if (input.mediaIds.join(' ') !== post.media.map((m) => m.id).join(' ')) patch.mediaIds = input.mediaIds;
  if (input.audioTranscript !== post.audioTranscript) patch.audioTranscript = input.audioTranscript;
  if (input.linkUrl !== (post.link?.url ?? null)) patch.linkUrl = input.linkUrl;
  if (input.correctionNote) patch.correctionNote = input.correctionNote;
  return patch;
}

function sameAudience(a: PostInput['audience'], b: PostInput['audience']): boolean {
  if (!a || !b) return a === b;
  return [...a.groupIds].sort().join() === [...b.groupIds].sort().join();
}

function sameTime(a: string | null, b: string | null): boolean {
  if (!a || !b) return a === b;
  return new Date(a).getTime() === new Date(b).getTime();
}
