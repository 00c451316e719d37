import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api';
import {
  MAX_UNREAD,
  type FeedPage,
  type MyFollows,
  type Page,
  type PublicGroup,
  type PublicPost,
  type VerifyResult,
} from './types';
import type { VerifyQuery } from './verify-input';

const base = '/api/v1/public';
const unitPath = (slug: string) => `${base}/units/${encodeURIComponent(slug)}`;
const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
const NO_FOLLOWS: MyFollows = { units: [], groups: [] };
const FOLLOWED_KEY = 'ketnoi.feed';

// The portal asks for the unread count only on devices that followed something: most visitors
// never do, and their pages need not cost the server a feed query.
function followedHere(): boolean {
  try {
    return localStorage.getItem(FOLLOWED_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberFollowed(): void {
  try {
    localStorage.setItem(FOLLOWED_KEY, '1');
  } catch {
    // private mode: the header shows no count, the feed page still does
  }
}

/** A resident without a cookie yet has followed nothing (the API answers 404 or 401). */
async function orNone<T>(request: Promise<T>, none: T): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (isApiError(err, 401, 404)) return none;
    throw err;
  }
}

const keys = {
  me: ['public', 'me'] as const,
  follows: ['public', 'me', 'follows'] as const,
  feed: ['public', 'me', 'feed'] as const,
  unread: ['public', 'me', 'unread'] as const,
  unitPosts: (slug: string) => ['public', 'unit-posts', slug] as const,
};

export function useMyFollows() {
  return useQuery({
    queryKey: keys.follows,
    queryFn: ({ signal }) => orNone(api<MyFollows>(`${base}/me/follows`, { signal }), NO_FOLLOWS),
    retry,
  });
}

function afterFollowChange(queryClient: QueryClient): void {
  rememberFollowed();
  void queryClient.invalidateQueries({ queryKey: keys.me });
}

/** Follows or unfollows a unit (the first follow creates the resident's cookie). */
export function useFollowUnit(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      api<{ following: boolean }>(`${unitPath(slug)}/follow`, { method: follow ? 'POST' : 'DELETE' }),
    onSuccess: () => afterFollowChange(queryClient),
  });
}

/** Joins or leaves a residential group. */
export function useJoinGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ groupId, join }: { groupId: string; join: boolean }) =>
      api<unknown>(`${base}/groups/${encodeURIComponent(groupId)}/join`, { method: join ? 'POST' : 'DELETE' }),
    onSuccess: () => afterFollowChange(queryClient),
  });
}

export function useUnitGroups(slug: string) {
  return useQuery({
    queryKey: ['public', 'unit-groups', slug],
    queryFn: ({ signal }) => api<{ items: PublicGroup[] }>(`${unitPath(slug)}/groups`, { signal }).then((r) => r.items),
    retry,
  });
}

function pageUrl(path: string, cursor: string | null): string {
  return cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path;
}

/** A unit's published unit-wide posts, newest first, a page at a time. */
export function useUnitPosts(slug: string) {
  return useInfiniteQuery({
    queryKey: keys.unitPosts(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<Page<PublicPost>>(pageUrl(`${unitPath(slug)}/posts`, pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry,
  });
}

/** The resident's feed: posts of followed units and joined groups, newest first. */
export function useFeed() {
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: keys.feed,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const empty: FeedPage = { items: [], nextCursor: null, unread: 0 };
      const page = await orNone(api<FeedPage>(pageUrl(`${base}/me/feed`, pageParam), { signal }), empty);
      if (!pageParam) queryClient.setQueryData(keys.unread, page.unread);
      return page;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry,
  });
}

/** How many posts of the feed the resident has not opened; 0 on devices that never followed. */
export function useUnread(): number {
  const unread = useQuery({
    queryKey: keys.unread,
    // Asked again after a follow (which invalidates it), so the count appears without a reload.
    queryFn: ({ signal }) =>
      followedHere()
        ? orNone(api<FeedPage>(`${base}/me/feed`, { signal }), { items: [], nextCursor: null, unread: 0 }).then(
            (r) => r.unread,
          )
        : 0,
    retry,
    staleTime: 60_000,
  });
  return unread.data ?? 0;
}

export function usePublicPost(id: string) {
  return useQuery({
    queryKey: ['public', 'post', id],
    queryFn: ({ signal }) => api<PublicPost>(`${base}/posts/${encodeURIComponent(id)}`, { signal }),
    retry,
  });
}

/** Marks a post read; the answer is the new unread count. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) =>
      api<{ unread: number }>(`${base}/me/feed/read`, { method: 'POST', body: { postId } }),
    onSuccess: ({ unread }, postId) => {
      queryClient.setQueryData(keys.unread, unread);
      queryClient.setQueryData<PublicPost>(['public', 'post', postId], (old) => (old ? { ...old, read: true } : old));
      void queryClient.invalidateQueries({ queryKey: keys.feed });
    },
  });
}

/**
 * The feed's posts to show as new. The server counts as unread only what was published since the
 * resident followed the unit (or joined the group), and the feed is newest first: so the first
 * `unread` posts not yet opened are those, and older unopened ones are not called new.
 */
export function newPostIds(posts: PublicPost[], unread: number): Set<string> {
  return new Set(
    posts
      .filter((p) => p.read === false && !p.retracted)
      .slice(0, unread)
      .map((p) => p.id),
  );
}

/** "99+" from the count's cap on. */
export function unreadLabel(unread: number): string {
  return unread >= MAX_UNREAD ? `${MAX_UNREAD - 1}+` : String(unread);
}

export function useVerify(query: VerifyQuery | null) {
  return useQuery({
    queryKey: ['public', 'verify', query?.param, query?.value],
    queryFn: ({ signal }) => {
      const qs = new URLSearchParams(query ? { [query.param]: query.value } : {});
      return api<VerifyResult>(`${base}/verify?${qs.toString()}`, { signal });
    },
    enabled: query !== null,
    retry,
    staleTime: 60_000,
  });
}
