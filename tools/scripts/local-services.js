// The local PostgreSQL, Redis and RabbitMQ this project runs on, how to probe them, and how to
// start each one on a Debian machine where it is installed but stopped.
const { execSync, spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const net = require('node:net');

const SERVICES = [
  {
    name: 'PostgreSQL',
    port: 5432,
    installed: () => existsSync('/etc/postgresql') && readdirSync('/etc/postgresql').length > 0,
    start: () => `pg_ctlcluster --skip-systemctl-redirect ${readdirSync('/etc/postgresql').sort().pop()} main start`,
    hint: 'install PostgreSQL 15+ (apt-get install postgresql) or run `docker compose up -d postgres`',
  },
  {
    name: 'Redis',
    port: 6379,
    installed: () => commandExists('redis-server'),
    start: () =>
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    hint: 'install Redis 7 (apt-get install redis-server) or run `docker compose up -d redis`',
  },
  {
    name: 'RabbitMQ',
    port: 5672,
    installed: () => commandExists('rabbitmq-server'),
    start: () => 'rabbitmq-server -detached',
    hint: 'install RabbitMQ 3.10+ (apt-get install rabbitmq-server) or run `docker compose up -d rabbitmq`',
    // The broker accepts TCP before it accepts AMQP (while booting), and a wedged one never does: an
    // open port alone would let every broker test wait out its timeout instead of failing here.
    answers: (port, timeoutMs) => answersAmqp(port, timeoutMs),
    stuckHint:
      'it accepts TCP connections but does not answer the AMQP handshake: restart it (`rabbitmqctl stop_app && rabbitmqctl start_app`, or stop and `rabbitmq-server -detached`)',
  },
];

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Connects to `port` and settles with what `converse` decides (false on a timeout or a socket
 * error); the socket is closed either way.
 */
function probe(port, host, timeoutMs, converse) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    converse(socket, done);
  });
}

function isListening(port, host = '127.0.0.1', timeoutMs = 1000) {
  return probe(port, host, timeoutMs, (socket, done) => socket.once('connect', () => done(true)));
}

const AMQP_PROTOCOL_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]);

/** Whether a broker on `port` starts the AMQP 0-9-1 handshake: it answers the protocol header with a frame. */
function answersAmqp(port, timeoutMs, host = '127.0.0.1') {
  return probe(port, host, timeoutMs, (socket, done) => {
    socket.once('connect', () => socket.write(AMQP_PROTOCOL_HEADER));
    // Connection.Start is a method frame (type 1) on channel 0.
    socket.once('data', (chunk) => done(chunk[0] === 1));
  });
}

/** Retries `answers` until it holds or `timeoutMs` has passed (a broker still booting answers late). */
async function waitAnswering(service, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  do {
    if (await service.answers(service.port, Math.min(5_000, Math.max(1, deadline - Date.now())))) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  } while (Date.now() < deadline);
  return false;
}

async function waitListening(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isListening(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * Makes sure every service answers on its port, starting the ones that are installed but
 * stopped. Returns a list of problems (empty when all is well); never stops or reconfigures a
 * running service.
 */
async function ensureLocalServices(log = (line) => process.stdout.write(`${line}\n`), services = SERVICES, answerTimeoutMs = 60_000) {
  const problems = [];
  const checkAnswers = async (service) => {
    if (!service.answers || (await waitAnswering(service, answerTimeoutMs))) return true;
    problems.push(`${service.name} on 127.0.0.1:${service.port}: ${service.stuckHint}`);
    return false;
  };
  for (const service of services) {
    if (await isListening(service.port)) {
      if (await checkAnswers(service)) log(`  ✓ ${service.name} is listening on 127.0.0.1:${service.port}`);
      continue;
    }
    if (!service.installed()) {
      problems.push(`${service.name} is not running on 127.0.0.1:${service.port} and is not installed: ${service.hint}`);
      continue;
    }
    log(`  … ${service.name} is stopped; starting it`);
    try {
      execSync(service.start(), { stdio: 'ignore', timeout: 120_000 });
    } catch (error) {
      problems.push(`${service.name} could not be started (${error.message.split('\n')[0]}): ${service.hint}`);
      continue;
    }
    if (await waitListening(service.port, 90_000)) {
      if (await checkAnswers(service)) log(`  ✓ ${service.name} started on 127.0.0.1:${service.port}`);
    } else problems.push(`${service.name} was started but does not listen on 127.0.0.1:${service.port}: ${service.hint}`);
  }
  return problems;
}

module.exports = { answersAmqp, ensureLocalServices, isListening, SERVICES };
