import { ConfigError } from '../../infra/config/env';

/** The lines of the ConfigError `load` throws; none when it loads. */
export function configProblems(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
