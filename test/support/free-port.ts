import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that was free a moment ago, for a server started as a process of its own
 * (a Redis for a test, the bench's and the fuzzer's servers), told its port up front rather than
 * `PORT=0` so that nobody needs to parse log lines whose format they do not own.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the OS gave no port'))));
    });
  });
}
