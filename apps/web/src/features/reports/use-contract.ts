import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

/** One contract (its time zone, currency and the reader's role in it). */
export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: ['contract', id],
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}', { params: { path: { id: id! } } })),
  });
}
