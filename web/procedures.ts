import { useQuery } from '@tanstack/react-query';
import type {
  ProcedureContent,
  ProcedureEntry,
  ProcedureGuide,
  ProcedureSummary,
  UnitProcedureNote,
} from '../contracts/knowledge';
import { api, isApiError } from './api';

export type { AssistantQuestion, ProcedureSummary, ProcedureVersion } from '../contracts/knowledge';
export type ProcedureNote = UnitProcedureNote;

/** GET /api/v1/public/procedures/:id: the entry, the fees in force today and the unit's note. */
export type ProcedureDetail = ProcedureGuide;

const noRetryOn404 = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;

export function useProcedures() {
  return useQuery({
    queryKey: ['public', 'procedures'],
    queryFn: ({ signal }) =>
      api<{ items: ProcedureSummary[] }>('/api/v1/public/procedures', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useProcedure(id: string, unitSlug?: string | null) {
  return useQuery({
    queryKey: ['public', 'procedure', id, unitSlug ?? null],
    queryFn: ({ signal }) => {
      const qs = unitSlug ? `?unitSlug=${encodeURIComponent(unitSlug)}` : '';
      return api<ProcedureDetail>(`/api/v1/public/procedures/${encodeURIComponent(id)}${qs}`, { signal });
    },
    retry: noRetryOn404,
  });
}

/** GET /api/v1/console/kb/procedures/:id: the entry as stored, with the research notes residents never see. */
export function useConsoleProcedure(id: string) {
  return useQuery({
    queryKey: ['console', 'kb', id],
    queryFn: ({ signal }) => api<ProcedureEntry>(`/api/v1/console/kb/procedures/${encodeURIComponent(id)}`, { signal }),
    retry: noRetryOn404,
  });
}

/** The display name in the current language (English falls back to Vietnamese). */
export function procedureName(p: { nameVi: string; nameEn: string }, language: string): string {
  return language === 'en' && p.nameEn.trim() ? p.nameEn : p.nameVi;
}

export const CONTENT_KEYS = [
  'nameVi',
  'nameEn',
  'aliases',
  'audience',
  'legalBasis',
  'documents',
  'forms',
  'where',
  'online',
  'processingTime',
  'fee',
  'deadlines',
  'notes',
  'sources',
  'verified',
  'lastChecked',
] as const satisfies readonly (keyof ProcedureContent)[];

/** Just the editable content of an entry (the PUT body rejects any other key). */
export function contentOf(entry: ProcedureContent): ProcedureContent {
  const out: Partial<Record<keyof ProcedureContent, unknown>> = {};
  for (const key of CONTENT_KEYS) out[key] = entry[key];
  return out as ProcedureContent;
}

/** The field names a version's diff mentions, whatever shape the server chose. */
export function diffFields(diff: unknown): string[] {
  if (!diff) return [];
  if (typeof diff === 'string') return [diff];
  if (Array.isArray(diff)) {
    return diff.flatMap((d): string[] => {
      if (typeof d === 'string') return [d];
      if (d && typeof d === 'object') {
        const o = d as Record<string, unknown>;
        const name = o.field ?? o.path ?? o.key;
        if (typeof name === 'string') return [name];
        if (Array.isArray(name)) return [name.join('.')];
      }
      return [];
    });
  }
  if (typeof diff === 'object') return Object.keys(diff);
  return [];
}

/** The unit's note on a guide page (an object in the contract; a bare string is accepted too). */
export function unitNoteText(note: ProcedureGuide['unitNote'] | string | undefined): string | null {
  if (!note) return null;
  return typeof note === 'string' ? note : note.note || null;
}
