import net from 'node:net';

/** A TCP proxy on 127.0.0.1 that delays the database's answers, as a network between app and database would. */
export interface NetworkDelay {
  port: number;
  close(): Promise<void>;
}

/**
 * Forwards every connection to `target`, holding each chunk the database sends for `latencyMs`: every round
 * trip (a statement and its answer) costs that much more, as it would across a network instead of loopback.
 * The whole delay goes on the way back, as one timer per chunk: Node fires timers of equal delay in the order
 * they were set, so chunks keep their order. Written here because no maintained npm package adds latency
 * (toxiproxy is a separate Go server).
 */
export async function startNetworkDelay(target: { host: string; port: number }, latencyMs: number): Promise<NetworkDelay> {
  const sockets = new Set<net.Socket>();
  // No Nagle on either side: a delayed chunk written behind another would wait for the client's delayed ACK
  // (40 ms on Linux), a cost no real network of that latency adds. pg sets the same on its own socket.
  const server = net.createServer({ noDelay: true }, (client) => {
    const database = net.connect({ port: target.port, host: target.host, noDelay: true });
    const end = () => {
      client.destroy();
      database.destroy();
    };
    client.on('data', (chunk) => database.write(chunk));
    database.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), latencyMs));
    // The database's close is delayed too, so an answer sent just before it is not cut off.
    database.on('end', () => setTimeout(() => client.end(), latencyMs));
    client.on('end', () => database.end());
    for (const socket of [client, database]) {
      sockets.add(socket);
      socket.on('error', end);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** `url` (a postgres:// URL) with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: Pick<NetworkDelay, 'port'>): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}
