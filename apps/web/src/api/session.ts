/**
 * The browser session. The refresh token is an httpOnly cookie the page never sees (set by
 * /api/v1/auth/browser/*); the access token lives in this module's memory only, renewed a minute
 * before it expires and whenever a call answers 401. A reload starts with a silent refresh.
 */
type Listener = (signedIn: boolean) => void;

const BROWSER = '/api/v1/auth/browser';
let accessToken: string | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

export const session = {
  get token(): string | null {
    return accessToken;
  },

  onChange(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** Logs in; answers the API's response when it is not 200 (the caller shows the problem). */
  async login(email: string, password: string): Promise<Response> {
    const response = await post(`${BROWSER}/login`, { email, password });
    if (response.ok) accept(await response.clone().json());
    return response;
  },

  /** Renews the access token with the cookie; false when there is no (valid) session. One at a time. */
  refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      try {
        const response = await post(`${BROWSER}/refresh`, {});
        if (!response.ok) {
          clear();
          return false;
        }
        accept(await response.json());
        return true;
      } catch {
        return accessToken !== null; // offline: keep what we have
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  },

  async logout(): Promise<void> {
    try {
      await post(`${BROWSER}/logout`, {});
    } finally {
      clear();
    }
  },
};

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
}

function accept(tokens: { accessToken: string; expiresIn: number }): void {
  const was = accessToken !== null;
  accessToken = tokens.accessToken;
  clearTimeout(renewTimer);
  renewTimer = setTimeout(() => void session.refresh(), Math.max(10, tokens.expiresIn - 60) * 1000);
  if (!was) listeners.forEach((l) => l(true));
}

function clear(): void {
  const was = accessToken !== null;
  accessToken = null;
  clearTimeout(renewTimer);
  if (was) listeners.forEach((l) => l(false));
}

/**
 * fetch with the access token; on a 401 it refreshes once and retries (the request is cloned
 * before it is sent, so a body can be sent again).
 */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const response = await fetch(withToken(input));
  if (response.status !== 401 || input.url.includes('/auth/')) return response;
  if (!(await session.refresh())) return response;
  return fetch(withToken(retry));
}

function withToken(request: Request): Request {
  if (!accessToken) return request;
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${accessToken}`);
  return new Request(request, { headers });
}
