import { useQuery } from '@tanstack/react-query';
import type { PublicConfig } from '../contracts/public-config';
import type { Unit } from '../contracts/units';
import { api } from './api';

export function usePublicUnits() {
  return useQuery({
    queryKey: ['public', 'units'],
    queryFn: ({ signal }) => api<{ items: Unit[] }>('/api/v1/public/units', { signal }).then((r) => r.items),
  });
}

/** One ward's or commune's public page data (the tip page loads it under the same key). */
export function usePublicUnit(slug: string) {
  return useQuery({
    queryKey: ['public', 'unit', slug],
    queryFn: ({ signal }) => api<Unit>(`/api/v1/public/units/${encodeURIComponent(slug)}`, { signal }),
  });
}

/** The deployment's settings (the map's tiles); they change only when the server restarts. */
export function usePublicConfig() {
  return useQuery({
    queryKey: ['public', 'config'],
    queryFn: ({ signal }) => api<PublicConfig>('/api/v1/public/config', { signal }),
    staleTime: Infinity,
  });
}
