import { useQuery } from '@tanstack/react-query';
import type { Unit } from '../contracts/units';
import { api } from './api';

export function usePublicUnits() {
  return useQuery({
    queryKey: ['public', 'units'],
    queryFn: ({ signal }) => api<{ items: Unit[] }>('/api/v1/public/units', { signal }).then((r) => r.items),
  });
}
