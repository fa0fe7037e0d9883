/** Starting test servers on loopback. */
import type { AddressInfo, Server } from 'node:net';

/** Listens on an ephemeral port of `host` (127.0.0.1 unless told) and resolves with the port; rejects on a listen error. */
export async function listenOnLoopback(server: Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
