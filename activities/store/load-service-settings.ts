import type { ServiceSettings } from '../../workflows/application/messages';
import type { ServiceCatalogue } from './service-catalogue';

/** Builds `loadServiceSettings`: the settings a new case runs with, or null when the service is missing or inactive. */
export function createLoadServiceSettings(catalogue: ServiceCatalogue) {
  return async function loadServiceSettings(serviceId: string): Promise<ServiceSettings | null> {
    const service = await catalogue.get(serviceId);
    if (!service || !service.active) return null;
    const { descriptions: _descriptions, active: _active, ...settings } = service;
    return settings;
  };
}
