/**
 * `npm run db -- --port 27017 --dbpath ./data` (or `--memory`): run the embedded server on
 * its own. Prints the connection string, stops cleanly (storage flushed, lock released) on
 * SIGINT/SIGTERM, and exits 1 with the reason when it cannot start (e.g. the data directory
 * is locked by another server).
 */
import { parseArgs } from 'node:util';
import { startEmbedded, type EmbeddedServer, type Logger } from './index.js';

const USAGE = `Usage: npm run db -- [--port 27017] [--host 127.0.0.1] (--dbpath DIR | --memory) [--quiet]

  --port     TCP port (default 27017; 0 picks a free one)
  --host     interface to listen on (default 127.0.0.1)
  --dbpath   data directory (created if missing); the data survives restarts
  --memory   keep everything in memory; nothing is written to disk
  --quiet    log only warnings and errors`;

function stamp(): string {
  return new Date().toISOString();
}

function main(): void {
  let values: { port?: string; host?: string; dbpath?: string; memory?: boolean; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        dbpath: { type: 'string' },
        memory: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(1);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 27017 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port '${values.port}': give a number from 0 to 65535.`);
    process.exit(1);
  }
  if (!values.dbpath && !values.memory) {
    console.error(`Give --dbpath DIR to keep the data, or --memory to keep nothing.\n\n${USAGE}`);
    process.exit(1);
  }
  if (values.dbpath && values.memory) {
    console.error('Give either --dbpath or --memory, not both.');
    process.exit(1);
  }
  const logger: Logger = {
    info: (m) => {
      if (!values.quiet) console.log(`${stamp()} ${m}`);
    },
    warn: (m) => console.warn(`${stamp()} WARN ${m}`),
    error: (m) => console.error(`${stamp()} ERROR ${m}`),
  };

  let server: EmbeddedServer | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down...`);
    try {
      await server?.stop();
      logger.info('Stopped; storage flushed.');
      process.exit(0);
    } catch (e) {
      console.error(`Shutdown failed: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  startEmbedded({ port, host: values.host, dbpath: values.dbpath, memory: values.memory, logger }).then(
    (s) => {
      server = s;
      console.log(`Embedded MongoDB-compatible server ready: ${s.uri}`);
      if (stopping) void s.stop().then(() => process.exit(0));
    },
    (e: Error & { code?: string }) => {
      const reason = e.code === 'EADDRINUSE' ? `port ${port} is already in use` : e.message;
      console.error(`Cannot start the embedded server: ${reason}`);
      process.exit(1);
    },
  );
}

main();
