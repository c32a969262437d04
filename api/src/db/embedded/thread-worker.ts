/**
 * Entry of the embedded server's worker thread (thread.ts): starts the server as asked, reports
 * its address, and stops it (closing the journal cleanly) when told to.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmbedded } from './index.js';
import type { ThreadMessage, ThreadRequest } from './thread.js';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);
const request = workerData as ThreadRequest;

try {
  const server = await startEmbedded(request.memory ? { memory: true, host: request.host, port: request.port } : { dbpath: request.dbpath, host: request.host, port: request.port });
  port.on('message', (m) => {
    if (m !== 'stop') return;
    void server.stop().then(
      () => {
        post({ type: 'stopped' });
        port.close();
      },
      (e: Error) => {
        post({ type: 'failed', message: e.message, stack: e.stack });
        port.close();
      },
    );
  });
  post({ type: 'ready', uri: server.uri, port: server.port });
} catch (e) {
  const err = e as Error;
  post({ type: 'failed', message: err.message, stack: err.stack });
  port.close();
}
