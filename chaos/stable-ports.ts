/**
 * Ports for processes that are killed and started again on the same port. A free port from the OS
 * (port 0) is an ephemeral one, and while its server is down any outgoing connection on the machine
 * may be given it as its local port, so the restart fails with EADDRINUSE (the chaos run's API did,
 * six times in one long run). Ports below the ephemeral range are never handed out that way.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';

const LOWEST = 20_000;

/** `count` distinct ports below the ephemeral range that nothing listens on now. */
export async function stablePorts(count: number): Promise<number[]> {
  const below = ephemeralLow();
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < count; tries++) {
    if (tries > count * 50) throw new Error(`found no ${count} free ports between ${LOWEST} and ${below}`);
    const port = LOWEST + Math.floor(Math.random() * (below - LOWEST));
    if (!chosen.has(port) && await canListen(port)) chosen.add(port);
  }
  return [...chosen];
}

function ephemeralLow(): number {
  try {
    const low = Number.parseInt(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0] ?? '', 10);
    return Number.isInteger(low) && low > LOWEST + 1_000 ? low : 32_768;
  } catch {
    return 32_768; // Linux's default; elsewhere (macOS 49152) this is below it too
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
