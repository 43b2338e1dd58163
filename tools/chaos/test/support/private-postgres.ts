import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { closedLoopbackPort } from '@sentinel/testing';
import { Client } from 'pg';

const run = promisify(execFile);
const POSTGRES_INSTALLS = '/usr/lib/postgresql';
/** The account initdb and the server run as when the test runs as root (initdb refuses root). */
const SERVER_ACCOUNT_WHEN_ROOT = 'postgres';

interface Account {
  uid: number;
  gid: number;
}

/**
 * A PostgreSQL server of the test's own, from the machine's binaries: its own data directory
 * (a temp dir), its own port, trust auth on loopback. It can be stopped and started like a real
 * restart without touching the machine's shared server. `fsync=off` only risks data on an OS crash,
 * never on a server stop, so it keeps the run fast without weakening what a restart tests.
 */
export class PrivatePostgres {
  private constructor(
    private readonly binDir: string,
    private readonly dir: string,
    private readonly account: Account | undefined,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const binDir = postgresBinDir();
    const account = await serverAccount();
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-chaos-pg-'));
    if (account) chownSync(dir, account.uid, account.gid);
    const server = new PrivatePostgres(binDir, dir, account, await closedLoopbackPort());
    await server.exec('initdb', ['-D', server.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await server.start();
    return server;
  }

  /** A database on this server, as a connection URL. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    await this.exec('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  }

  /** A clean shutdown (`-m fast`): open sessions are terminated, as in a restart for maintenance. */
  async stop(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Stops the server (if running) and removes its data directory. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    try {
      await run(join(this.binDir, tool), args, { cwd: this.dir, uid: this.account?.uid, gid: this.account?.gid, timeout: 90_000 });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${tool} ${args.at(-1)} failed: ${stderr?.trim() || String(error)}`);
    }
  }
}

/**
 * `/usr/lib/postgresql/<newest version>/bin`, where Debian-family packages install the server (its
 * tools are not on PATH there), else the first PATH folder holding `initdb` (other distributions, Homebrew).
 */
function postgresBinDir(): string {
  const versions = existsSync(POSTGRES_INSTALLS)
    ? readdirSync(POSTGRES_INSTALLS).filter((name) => existsSync(join(POSTGRES_INSTALLS, name, 'bin', 'initdb')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return join(POSTGRES_INSTALLS, newest, 'bin');
  const onPath = (process.env.PATH ?? '').split(delimiter).find((dir) => dir && existsSync(join(dir, 'initdb')));
  if (onPath) return onPath;
  throw new Error(`the chaos run needs the PostgreSQL server binaries (initdb, pg_ctl): none under ${POSTGRES_INSTALLS}/<version>/bin or on PATH`);
}

async function serverAccount(): Promise<Account | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string) => Number((await run('id', [flag, SERVER_ACCOUNT_WHEN_ROOT])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw new Error(`running as root: initdb refuses root, and there is no '${SERVER_ACCOUNT_WHEN_ROOT}' account to run it as`);
  }
}
