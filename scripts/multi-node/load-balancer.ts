import net from 'node:net';

/** A running balancer: where it listens, and how many connections each backend got. */
export interface LoadBalancer {
  port: number;
  /** Connections handed to each backend so far, in the order the backends were given. */
  connections(): number[];
  close(): Promise<void>;
}

/**
 * The load balancer in front of the API instances, as a layer-4 one runs in production: each new TCP
 * connection goes to the next backend in turn, bytes pass through untouched (so TLS, and the X-Road
 * security server's client certificate, reach the API itself). A backend that refuses the connection
 * is skipped for the next one; with none left the client's connection is closed.
 */
export async function startLoadBalancer(port: number, backendPorts: number[], host = '127.0.0.1'): Promise<LoadBalancer> {
  const counts = backendPorts.map(() => 0);
  const sockets = new Set<net.Socket>();
  let next = 0;
  const connect = (client: net.Socket, tries: number) => {
    const index = next;
    next = (next + 1) % backendPorts.length;
    const backend = net.connect({ port: backendPorts[index], host });
    sockets.add(backend);
    let connected = false;
    backend.once('connect', () => {
      connected = true;
      counts[index] += 1;
      client.pipe(backend).pipe(client);
      client.resume();
      backend.once('close', () => client.destroy());
      client.once('close', () => backend.destroy());
    });
    backend.on('error', () => {
      if (!connected && tries > 1 && !client.destroyed) connect(client, tries - 1);
      else client.destroy();
    });
    backend.once('close', () => sockets.delete(backend));
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    connect(client, backendPorts.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => [...counts],
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
