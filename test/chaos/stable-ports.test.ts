import { readFileSync } from 'node:fs';
import net from 'node:net';
import { stablePorts } from '../../chaos/stable-ports';

describe('chaos stable ports', () => {
  it('gives distinct free ports below the ephemeral range, so a restarted server finds its port again', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await stablePorts(15);
    expect(new Set(ports).size).toBe(15);
    expect(ports.every((p) => p >= 20_000 && p < low)).toBe(true);
    // Each can be listened on (nothing held it when it was chosen).
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(ports[0], '127.0.0.1', resolve); });
    await new Promise((r) => server.close(r));
  });
});
