import { readFileSync } from 'node:fs';
import net from 'node:net';
import { freePort } from '../../infra/launcher/ports';

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

describe('freePort', () => {
  it('picks ports outside the range the OS gives outgoing connections, so none can take it before the service binds', async () => {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) expect(port < low || port > high).toBe(true);
  });

  it('gives a port a service can then listen on at every address', async () => {
    const server = await listen(await freePort());
    await new Promise((resolve) => server.close(resolve));
  });
});
