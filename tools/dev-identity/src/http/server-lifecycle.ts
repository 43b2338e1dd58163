import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/**
 * Stops accepting, lets in-flight calls finish, and after `graceMs` cuts whatever is left
 * (idle keep-alive sockets are closed at once).
 */
export async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cutoff = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(cutoff);
}
