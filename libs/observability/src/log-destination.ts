import type { DestinationStream } from 'pino';

let redirected: DestinationStream | undefined;

/**
 * Sends the logs of every service built from now on in this process to `destination` instead of
 * stdout (`undefined` restores stdout). Production never calls it; a test host that boots services
 * in-process (libs/testing-services' PII canary) does, to read every line they write. nestjs-pino
 * keeps the first logger of a process for logs outside a request, so redirect before the first boot.
 */
export function redirectServiceLogs(destination: DestinationStream | undefined): void {
  redirected = destination;
}

export function serviceLogDestination(): DestinationStream | undefined {
  return redirected;
}
