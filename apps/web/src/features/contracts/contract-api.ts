import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '../../api/client';
import { ApiError, type Problem, unwrap } from '../../api/problem';
import { authFetch } from '../../api/session';

export type Contract = Schemas['ContractDetailDto'];
export type ContractSummary = Schemas['ContractDto'];
export type Site = Schemas['SiteDto'];
export type Label = Schemas['LabelDto'];
export type MineralsReport = Schemas['MineralsReportDto'];
export type Clause = Schemas['ClauseDto'];

export const contractKey = (id: string) => ['contract', id] as const;

export function useContract(id: string) {
  return useQuery({ queryKey: contractKey(id), queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}', { params: { path: { id } } })) });
}

/** The contracts this organisation has a part in (first 200), for pickers. */
export function useContractChoices() {
  return useQuery({
    queryKey: ['contracts', 'choices'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } })).items,
    staleTime: 5 * 60_000,
  });
}

/** Today's calendar date (`YYYY-MM-DD`) in the contract's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** POST multipart with the session's token (openapi-fetch would JSON-encode it); a failure throws an ApiError. */
export async function uploadMineralsReport(contractId: string, file: File): Promise<MineralsReport> {
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await authFetch(new Request(new URL(`/api/v1/contracts/${contractId}/minerals-reports`, window.location.origin), { method: 'POST', body, headers: { accept: 'application/json' } }));
  const payload: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, (payload ?? {}) as Problem);
  return payload as MineralsReport;
}
