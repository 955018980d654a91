/** Real HTTP against the fake, through undici as the pipeline's client uses it. Test support only. */
import { request } from 'undici';

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return collect(await request(url, { headers }));
}

/** A form-encoded POST, the way NCBI's own client sends every call. */
export async function post(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return collect(
    await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

async function collect(response: Awaited<ReturnType<typeof request>>): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { status: response.statusCode, headers, body: await response.body.text() };
}

export function query(params: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
}
