import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearOrphan } from '../../infra/launcher/orphans';
import { testDataDir } from '../support/env';

/** Running, as opposed to gone or a zombie waiting to be reaped (its state in /proc/<pid>/stat is Z). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

describe('servers left behind by a killed launcher (issue 2: a second start finds everything)', () => {
  it('stops a server whose launcher died, then removes its pid file', async () => {
    // The shell exits at once, so `sleep` is re-parented away from any node process, like a killed launcher's server.
    const pid = Number(execFileSync('sh', ['-c', 'sleep 317 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }).trim());
    const pidFile = path.join(testDataDir(), 'server.pid');
    writeFileSync(pidFile, `${pid}\n`);
    await clearOrphan(pidFile, 'The test server', ['sleep', '317'], 'SIGTERM');
    expect(alive(pid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('removes a stale pid file whose process is gone or is now another program', async () => {
    const dir = testDataDir();
    const gone = path.join(dir, 'gone.pid');
    writeFileSync(gone, '999999999\n');
    await clearOrphan(gone, 'The test server', ['postgres']);
    expect(existsSync(gone)).toBe(false);

    const reused = path.join(dir, 'reused.pid');
    writeFileSync(reused, `${process.pid}\n`); // a live pid, but not a postgres
    await clearOrphan(reused, 'The test server', ['postgres', dir]);
    expect(existsSync(reused)).toBe(false);
    expect(alive(process.pid)).toBe(true);
  });

  it('refuses to touch a server another live launcher still runs', async () => {
    const server = spawn('sleep', ['318'], { stdio: 'ignore' });
    try {
      const pidFile = path.join(testDataDir(), 'server.pid');
      writeFileSync(pidFile, `${server.pid}\n`);
      await expect(clearOrphan(pidFile, 'The test server', ['sleep', '318'])).rejects.toThrow(/already running: another `npm start`/);
      expect(alive(server.pid as number)).toBe(true);
      expect(existsSync(pidFile)).toBe(true);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
