import { request } from 'node:http';
import type { CaseResult, HostileCase } from './hostile-case';

/** Sends one case with node:http so the path goes out byte-for-byte (no URL normalization). */
export function sendCase(baseUrl: string, testCase: HostileCase): Promise<CaseResult> {
  const target = new URL(baseUrl);
  const body =
    testCase.body === undefined ? undefined : typeof testCase.body === 'string' || Buffer.isBuffer(testCase.body) ? testCase.body : JSON.stringify(testCase.body);
  const headers: Record<string, string | number> = { ...(testCase.headers ?? {}) };
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: CaseResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const req = request(
      { host: target.hostname, port: target.port, method: testCase.method, path: testCase.path, headers, insecureHTTPParser: false },
      (res) => {
        res.resume();
        res.on('end', () => done({ testCase, status: res.statusCode ?? 0 }));
        res.on('error', () => done({ testCase, status: res.statusCode ?? 0 }));
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    // A server answering 413/431 early may reset the socket while the body is still being written.
    req.on('error', (error) => done({ testCase, status: 0, error: error.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
