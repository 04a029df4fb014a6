import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A JSON response with its parsed body. */
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: LightMyRequestResponse['headers'];
}

/** Small client over fastify.inject: the real HTTP stack (routing, parsing, errors), no socket. */
export function httpClient(server: FastifyInstance, headers: Record<string, string> = {}) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, extra: Record<string, string> = {}): Promise<JsonResponse> => {
    const res = await server.inject({
      method,
      url,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers };
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body?: unknown, extra?: Record<string, string>) => call('POST', url, body ?? {}, extra),
    put: (url: string, body: unknown, extra?: Record<string, string>) => call('PUT', url, body, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    delete: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}

/** `?filter=` for a filter object. */
export function q(params: Record<string, unknown>): string {
  const parts = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
