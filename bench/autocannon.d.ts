/** The part of autocannon's API the benchmarks use (the package ships no typings). */
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      workers?: number;
      headers?: Record<string, string>;
      /** Requests per second over all connections (autocannon releases each connection's share at the start of every second). */
      overallRate?: number;
      /** Stop after this many requests instead of after `duration`. */
      amount?: number;
      /** Seconds before a request counts as a timeout (and an error). */
      timeout?: number;
      method?: string;
      /** Called for every request of a connection; may replace its body and headers. */
      requests?: Array<{ method?: string; setupRequest?: (request: RequestParams) => RequestParams }>;
    }
    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      max: number;
    }
    interface Result {
      requests: Histogram & { total: number };
      latency: Histogram;
      non2xx: number;
      errors: number;
      timeouts: number;
      start: Date;
      finish: Date;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
