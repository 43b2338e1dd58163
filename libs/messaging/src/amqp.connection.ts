import { connect, type AmqpConnectionManager } from 'amqp-connection-manager';

export const AMQP_CONNECTION = Symbol('AMQP_CONNECTION');

/** One managed connection per service; it reconnects on its own and re-runs every channel's setup. */
export function createAmqpConnection(url: string, service: string): AmqpConnectionManager {
  const connection = connect([url], {
    heartbeatIntervalInSeconds: 5,
    reconnectTimeInSeconds: 1,
    connectionOptions: { clientProperties: { connection_name: service } },
  });
  // Failures are visible through readiness and metrics; the manager keeps retrying.
  connection.on('connectFailed', () => undefined);
  connection.on('disconnect', () => undefined);
  return connection;
}
