#!/usr/bin/env node
// Starts the telegram-test-api Bot API emulator for govdigest's end-to-end tests.
//
// The npm package ships only lib/ (no bin/ despite its "start" script), so this launcher is
// the entry point. Usage:
//
//   node launcher.js [--host 127.0.0.1] [--port 0] [--store-timeout 600]
//
// EMULATOR_HOST / EMULATOR_PORT / EMULATOR_STORE_TIMEOUT work as well; argv wins.
// --port 0 (the default) picks a free port. On success one line goes to stdout:
//
//   EMULATOR READY {"host":"127.0.0.1","port":41234,"url":"http://127.0.0.1:41234","version":"4.2.1"}
//
// The process stops on SIGTERM/SIGINT and also when its stdin reaches EOF, so an emulator
// started by a test runner that dies does not outlive it.
'use strict';

const path = require('path');
const TelegramServer = require('telegram-test-api');

function parseArgs(argv) {
  const opts = {
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    port: process.env.EMULATOR_PORT || '0',
    storeTimeout: process.env.EMULATOR_STORE_TIMEOUT || '600',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline !== undefined ? inline : argv[i + 1];
    if (inline === undefined && ['--host', '--port', '--store-timeout'].includes(flag)) i += 1;
    if (flag === '--host') opts.host = value;
    else if (flag === '--port') opts.port = value;
    else if (flag === '--store-timeout') opts.storeTimeout = value;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  const port = Number(opts.port);
  const storeTimeout = Number(opts.storeTimeout);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${opts.port}`);
  if (!(storeTimeout > 0)) throw new Error(`bad store timeout: ${opts.storeTimeout}`);
  return { host: opts.host, port, storeTimeout };
}

function packageVersion() {
  const pkgPath = path.join(path.dirname(require.resolve('telegram-test-api')), '..', 'package.json');
  return require(pkgPath).version;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // storeTimeout is in seconds: the emulator forgets messages older than that, so keep it
  // longer than a test session.
  const server = new TelegramServer({ host: opts.host, port: opts.port, storeTimeout: opts.storeTimeout });
  // normalizeConfig() turns port 0 into its default 9000 (`port || 9000`); set it back so
  // that listen(0) lets the OS pick a free port and no two test runs race for one.
  server.config.port = opts.port;
  await server.start();
  const { port } = server.server.address();
  server.config.port = port;
  server.config.apiURL = `http://${opts.host}:${port}`;

  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: stopping (${why})\n`);
    try {
      await server.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.on('error', () => stop('stdin error'));
  process.stdin.resume();

  const ready = { host: opts.host, port, url: server.config.apiURL, version: packageVersion() };
  process.stdout.write(`EMULATOR READY ${JSON.stringify(ready)}\n`);
}

main().catch((err) => {
  process.stderr.write(`emulator: failed to start: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
