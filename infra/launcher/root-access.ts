import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Running as root, PostgreSQL runs as the `postgres` system user, which must be able to walk down
 * to its data directory. Ancestors such as a `mktemp -d` directory or /root are mode 0700: give
 * them the search bit for others (o+x: enter, not list). Returns the directories changed.
 */
export function letOthersTraverse(dir: string): string[] {
  const changed: string[] = [];
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) {
      chmodSync(current, (mode & 0o7777) | 0o001);
      changed.push(current);
    }
    if (current === path.dirname(current)) return changed;
  }
}
