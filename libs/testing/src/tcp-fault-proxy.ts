import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

export type FaultMode = 'pass' | 'refuse' | 'stall';

/**
 * A TCP proxy in front of one of the machine's services, for fault tests that must never stop
 * or reconfigure the shared service itself. It can cut every open connection, refuse new ones
 * (accept and close at once) or stall them (accept and send nothing), and add latency.
 */
export class TcpFaultProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private mode: FaultMode = 'pass';
  private delayMs = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  get port(): number {
    if (!this.server) throw new Error('proxy not started');
    return (this.server.address() as AddressInfo).port;
  }

  async start(): Promise<this> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  setMode(mode: FaultMode): void {
    this.mode = mode;
  }

  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Destroys every open connection, as a network cut or a server restart would. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    if (this.mode === 'stall') return;
    const upstream = new Socket();
    this.track(upstream);
    upstream.connect(this.targetPort, this.targetHost);
    this.pipe(client, upstream);
    this.pipe(upstream, client);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  }

  private pipe(from: Socket, to: Socket): void {
    from.on('data', (chunk) => {
      if (this.mode === 'stall') return;
      if (this.delayMs > 0) setTimeout(() => to.writable && to.write(chunk), this.delayMs);
      else if (to.writable) to.write(chunk);
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
