import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries, and
// activities only as types (their code runs in the worker, not in the workflow). A bundling error
// would catch some of this at worker start; this catches it in CI, with the file named.
const ROOT = path.join(__dirname, '..', '..', 'workflows');
const ALLOWED_PACKAGES = ['@temporalio/workflow', '@temporalio/common', 'async-mutex'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every import/export-from statement of a file: its specifier and whether it imports types only. */
function imports(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gms;
  for (const m of source.matchAll(re)) found.push({ specifier: m[3] ?? m[4], typeOnly: Boolean(m[2]) });
  return found;
}

/** The imports of a workflow file that break the sandbox rules. */
function violations(file: string, source: string): string[] {
  return imports(source)
    .filter(({ specifier, typeOnly }) => {
      if (!specifier.startsWith('.')) return !ALLOWED_PACKAGES.includes(specifier);
      // Leaving workflows/ is allowed only for types (the activity interfaces).
      const target = path.resolve(path.dirname(file), specifier);
      return !target.startsWith(ROOT + path.sep) && !typeOnly;
    })
    .map(({ specifier }) => specifier);
}

describe('[#2] workflow code stays deterministic', () => {
  const files = tsFiles(ROOT);

  it('finds the workflow sources', () => {
    expect(files.map((f) => path.relative(ROOT, f))).toContain(path.join('application', 'workflow.ts'));
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s imports only the workflow SDK, its own folder and activity types', (_name, file) => {
    expect(violations(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('flags Node built-ins, I/O libraries and value imports of activities (the check itself works)', () => {
    const file = path.join(ROOT, 'application', 'example.ts');
    const source = [
      "import { readFileSync } from 'node:fs';",
      "import { Client } from 'pg';",
      "import type { Activities } from '../../activities';",
      "import { createActivities } from '../../activities';",
      "import { SA } from '../search-attributes';",
      "import { sleep } from '@temporalio/workflow';",
    ].join('\n');
    expect(violations(file, source)).toEqual(['node:fs', 'pg', '../../activities']);
  });
});
