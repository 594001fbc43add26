import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that was free a moment ago. The servers are told their port up front
 * (rather than `PORT=0`) so that the bench need not parse log lines whose format it does not own.
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
