import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

/** The contracts the organisation follows (for the contract pickers). */
export function useContracts() {
  return useQuery({
    queryKey: ['contracts', 'all'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } })).items,
  });
}
