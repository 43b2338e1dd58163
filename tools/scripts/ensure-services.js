#!/usr/bin/env node
// `npm run services:ensure`: start local PostgreSQL, Redis and RabbitMQ when installed but stopped.
const { ensureLocalServices } = require('./local-services');

ensureLocalServices().then((problems) => {
  if (problems.length === 0) return;
  for (const problem of problems) process.stderr.write(`✗ ${problem}\n`);
  process.exit(1);
});
