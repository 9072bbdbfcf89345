import { readFileSync } from 'node:fs';
import path from 'node:path';

// Found by the startup bench (issue 7): under `tsx infra/launcher/start.ts` a Ctrl-C goes through tsx's
// signal relay, which gives the launcher 30 ms to acknowledge and then SIGKILLs it; on a busy machine the
// launcher died that way and left Temporal, PostgreSQL and the worker running. `npm start` therefore runs
// the launcher itself as the process (tsx as a loader only), so the signal reaches its own handler.
describe('npm start', () => {
  const scripts = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts as Record<string, string>;

  it('runs the launcher directly under node, with no tsx process relaying its signals', () => {
    expect(scripts.start).toBe('node --import tsx infra/launcher/start.ts');
  });
});
