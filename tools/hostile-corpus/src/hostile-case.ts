export const SERVICES = ['ingest', 'crm-sync', 'identity-bridge', 'risk'] as const;
export type ServiceName = (typeof SERVICES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One hostile request and the status the service must answer. */
export interface HostileCase {
  category: string;
  name: string;
  service: ServiceName;
  method: HttpMethod;
  /** Sent byte-for-byte as the request target (no URL normalization). */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is (malformed JSON included); an object is JSON-encoded. */
  body?: string | Buffer | object;
  /** Accepted statuses; every one of them is a 4xx or the documented 503. */
  expected: number[];
}

export interface CaseResult {
  testCase: HostileCase;
  status: number;
  /** Transport failure (connection reset before a status), if any. */
  error?: string;
}
