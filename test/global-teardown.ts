import { rmSync } from 'node:fs';

/** Stops the shared Temporal server and PostgreSQL started by global-setup and removes their temp directory. */
export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__lupaflowTestServers;
  if (!servers) return;
  globalThis.__lupaflowTestServers = undefined;
  await Promise.allSettled([servers.temporal?.stop(), servers.postgres?.stop()]);
  rmSync(servers.root, { recursive: true, force: true });
}
