import type { ApiClient } from '../helpers/http';

/** GETs a file as bytes with the client's session (ApiClient decodes bodies as text). */
export async function download(api: ApiClient, path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const res = await api.app.request(`http://localhost${path}`, { headers: { host: 'localhost', ...(api.cookie ? { cookie: api.cookie } : {}) } });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}

export const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
