// Starts child processes with prefixed, compact log lines and stops them all together.
const { spawn } = require('node:child_process');
const readline = require('node:readline');

const COLORS = [36, 35, 33, 32, 34, 31];
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function formatLine(line) {
  try {
    const entry = JSON.parse(line);
    const level = LEVELS[entry.level] || entry.level || '';
    const context = entry.context ? `${entry.context}: ` : '';
    return `${level.padEnd(5)} ${context}${entry.msg ?? ''}`;
  } catch {
    return line;
  }
}

class Supervisor {
  constructor(root) {
    this.root = root;
    this.children = [];
    this.stopping = false;
  }

  start(definition, index) {
    const color = COLORS[index % COLORS.length];
    const prefix = `\x1b[${color}m${definition.name.padEnd(15)}\x1b[0m│ `;
    const child = spawn(process.execPath, ['-r', './tools/runtime/register-paths.js', definition.script], {
      cwd: this.root,
      env: { ...process.env, ...definition.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${formatLine(line)}\n`));
    }
    child.on('exit', (code, signal) => {
      if (!this.stopping) {
        process.stderr.write(`${prefix}exited (${signal || code}); stopping the stack\n`);
        void this.stopAll(1);
      }
    });
    this.children.push({ definition, child });
    return child;
  }

  async stopAll(exitCode = 0) {
    if (this.stopping) return;
    this.stopping = true;
    process.stdout.write('\nStopping every process (SIGTERM, then in-flight work finishes)…\n');
    await Promise.all(
      this.children.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    process.exit(exitCode);
  }
}

module.exports = { Supervisor };
