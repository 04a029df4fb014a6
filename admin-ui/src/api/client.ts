import type { Problem } from './types.js';

/** An error answer of the API, with its problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

type Listener = () => void;
const busyListeners = new Set<Listener>();
const signedOutListeners = new Set<Listener>();
let inFlight = 0;

/** Requests under way, for the progress bar. */
export const busy = {
  get count(): number {
    return inFlight;
  },
  subscribe(listener: Listener): () => void {
    busyListeners.add(listener);
    return () => busyListeners.delete(listener);
  },
};

/** Called when the server says the session is gone (expired, revoked, signed out elsewhere). */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

function setInFlight(delta: number): void {
  inFlight += delta;
  for (const l of busyListeners) l();
}

/** The CSRF token the server set in the readable `kith_csrf` cookie. */
export function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)kith_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

const CHANGES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * One call to `/api/v1`: the session cookie signs it in, changes carry the CSRF header, an
 * error answer becomes an ApiError with the server's problem document.
 */
export async function api<T>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (CHANGES.has(method)) {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  setInFlight(1);
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'KITH_UI_OFFLINE', detail: 'The server did not answer. Check your connection and try again.' });
  } finally {
    setInFlight(-1);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    const error = new ApiError({ ...problem, status: response.status, code: problem.code ?? `HTTP_${response.status}`, detail: problem.detail ?? response.statusText });
    if (response.status === 401 && !path.startsWith('/auth/login')) for (const l of signedOutListeners) l();
    throw error;
  }
  return parsed as T;
}

/** A query string from parameters; objects become JSON, undefined ones are left out. */
export function query(params: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${key}=${encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
