import net from 'node:net';

// Below Linux's ephemeral range (32768–60999): a port the OS hands out for listen(0) is also one it may
// give an outgoing connection as its source port between our choosing it and the service binding it
// (seen as EADDRINUSE at a bench start-up). Ports here are only taken by someone binding them.
const LOWEST = 10_000;
const HIGHEST = 32_767;
const ATTEMPTS = 200;

/** Whether `port` is free on `host`; a host without IPv6 has nothing on '::' to collide with. */
function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(host === '::' && (err.code === 'EAFNOSUPPORT' || err.code === 'EADDRNOTAVAIL')));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A TCP port nothing is bound to, on every address (the API listens on all of them), outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
    if ((await canBind(port, '::')) && (await canBind(port, '0.0.0.0')) && (await canBind(port, '127.0.0.1'))) return port;
  }
  throw new Error(`no free TCP port between ${LOWEST} and ${HIGHEST} after ${ATTEMPTS} attempts`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}
