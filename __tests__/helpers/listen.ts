/** Starting test servers on loopback. */
import type { AddressInfo, Server, Socket } from 'node:net';

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

/** Stops a server and destroys its open sockets, so hanging or keep-alive connections never hold a test open. */
export async function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await closed;
}
