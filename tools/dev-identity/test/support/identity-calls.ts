/** Calls a contract endpoint the way Sentinel would, returning status and parsed body. */
export async function callIdentity(
  baseUrl: string,
  path: string,
  token?: string,
  init: { signal?: AbortSignal } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, baseUrl), {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    ...init,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
