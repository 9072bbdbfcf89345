import type { Language } from '../../../workflows/application/messages';
import type { RouterDeps } from '../../routers/deps';

/** Each service's name in the page's language, by id (a missing service keeps its id). */
export async function serviceNames(deps: RouterDeps, ids: string[], language: Language): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    const service = await deps.services.get(id);
    if (service) names.set(id, service.names[language]);
  }
  return names;
}
