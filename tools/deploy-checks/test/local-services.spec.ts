import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';

// Plain CommonJS with its own .d.ts (`npm test` and `npm start` run it before anything is
// compiled); required by path, since Nx lets no project import files outside the projects.
const { answersAmqp, ensureLocalServices } = require(join(resolve(__dirname, '../../..'), 'tools/scripts/local-services.js')) as typeof import('../../scripts/local-services');
type LocalService = import('../../scripts/local-services').LocalService;

interface FakeServer {
  port: number;
  /** Closes the server and its connections (one that never reads would otherwise never see its client go). */
  stop: () => Promise<void>;
}

/** A TCP server on a free loopback port that does `onConnection` with each client. */
async function tcpServer(onConnection: (socket: Socket) => void): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const stop = async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((done) => server.close(done));
  };
  return { port: (server.address() as AddressInfo).port, stop };
}

/** What a broker answers to the AMQP protocol header: a method frame (type 1) on channel 0, Connection.Start. */
const connectionStartFrame = Buffer.from([1, 0, 0, 0, 0, 0, 4, 0, 10, 0, 10, 0xce]);

describe('tools/scripts/local-services.js: a broker that listens but does not speak AMQP', () => {
  const servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  const service = (port: number): LocalService => ({
    name: 'Broker',
    port,
    installed: () => true,
    start: () => 'false',
    hint: 'install it',
    answers: answersAmqp,
    stuckHint: 'restart it',
  });

  it('passes a broker that answers the protocol header with Connection.Start', async () => {
    const server = await tcpServer((socket) => socket.once('data', () => socket.write(connectionStartFrame)));
    servers.push(server);
    const { port } = server;
    const lines: string[] = [];
    await expect(ensureLocalServices((line) => lines.push(line), [service(port)], 2_000)).resolves.toEqual([]);
    expect(lines).toEqual([`  ✓ Broker is listening on 127.0.0.1:${port}`]);
  });

  it('reports a wedged broker (TCP accepted, handshake never answered) instead of passing it', async () => {
    const server = await tcpServer(() => undefined);
    servers.push(server);
    const { port } = server;
    const lines: string[] = [];
    await expect(ensureLocalServices((line) => lines.push(line), [service(port)], 1_500)).resolves.toEqual([`Broker on 127.0.0.1:${port}: restart it`]);
    expect(lines).toEqual([]);
  });

  it('does not take any other answer for AMQP', async () => {
    const server = await tcpServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    servers.push(server);
    await expect(answersAmqp(server.port, 2_000)).resolves.toBe(false);
  });
});
