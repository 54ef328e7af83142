import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, type Me } from '../api/client';
import { unwrap } from '../api/problem';
import { session } from '../api/session';
import { Loading } from '../components/states';
import { organisationLanguage } from '../i18n/i18n';

type SessionState = 'checking' | 'signed-in' | 'signed-out';

const SessionContext = createContext<SessionState>('checking');

/** Starts with a silent refresh (a reload keeps the session); follows logins and logouts. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(session.token ? 'signed-in' : 'checking');
  const queryClient = useQueryClient();
  useEffect(() => {
    const off = session.onChange((signedIn) => {
      setState(signedIn ? 'signed-in' : 'signed-out');
      if (!signedIn) queryClient.clear();
    });
    if (!session.token) void session.refresh().then((ok) => setState(ok ? 'signed-in' : 'signed-out'));
    return () => void off();
  }, [queryClient]);
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in user and organisation. */
export function useMe() {
  const signedIn = useSessionState() === 'signed-in';
  return useQuery({
    queryKey: ['me'],
    enabled: signedIn,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Me> => {
      const me = unwrap(await api.GET('/api/v1/me'));
      await organisationLanguage(me.organisation.preferredLanguage);
      return me;
    },
  });
}

/** The signed-in user (inside RequireSession only). */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireSession');
  return data;
}

/** Pages behind the login: while checking, a loader; signed out, the login page (coming back here after). */
export function RequireSession({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  const me = useMe();
  if (state === 'checking' || (state === 'signed-in' && me.isPending)) return <Loading />;
  if (state === 'signed-out' || !me.data) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}
