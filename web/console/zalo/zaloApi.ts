import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ZaloConnectInput,
  ZaloConnectionStatus,
  ZaloConsole,
  ZaloOAuthStart,
  ZaloTestInput,
  ZaloTestResult,
} from '../../../contracts/zalo';
import { api, isApiError } from '../../api';

const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
const zaloPath = (unitId: string) => `/api/v1/console/units/${encodeURIComponent(unitId)}/zalo`;
const key = (unitId: string) => ['console', 'zalo', unitId];

/** The unit's Zalo OA connection and the URLs to register with Zalo. */
export function useZaloConsole(unitId: string) {
  return useQuery({
    queryKey: key(unitId),
    queryFn: ({ signal }) => api<ZaloConsole>(zaloPath(unitId), { signal }),
    retry,
  });
}

/** Starts a connect; the browser then goes to Zalo's consent page. */
export function useStartZaloOAuth(unitId: string) {
  return useMutation({
    mutationFn: (input: ZaloOAuthStart) =>
      api<{ consentUrl: string }>(`${zaloPath(unitId)}/oauth/start`, { method: 'POST', body: input }),
    onSuccess: ({ consentUrl }) => window.location.assign(consentUrl),
  });
}

export function usePasteZaloTokens(unitId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ZaloConnectInput) =>
      api<ZaloConnectionStatus>(`${zaloPath(unitId)}/tokens`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(unitId) }),
  });
}

export function useDisconnectZalo(unitId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(zaloPath(unitId), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(unitId) }),
  });
}

export function useSendZaloTest(unitId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ZaloTestInput) =>
      api<ZaloTestResult>(`${zaloPath(unitId)}/test`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(unitId) }),
  });
}
