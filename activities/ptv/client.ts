import type { PtvCatalogueApi } from './catalogue-api';
import type { PtvConfig } from './config';
import { createPtvV11Client } from './v11-client';

export type { PtvCatalogueApi } from './catalogue-api';

/** The one PTV client of the platform, for the configured API version (v11 today). */
export function createPtvClient(config: PtvConfig): PtvCatalogueApi {
  return createPtvV11Client({
    baseUrl: config.PTV_BASE_URL,
    tokenUrl: config.PTV_TOKEN_URL,
    username: config.PTV_USERNAME,
    password: config.PTV_PASSWORD,
    organisationId: config.PTV_ORGANISATION,
  });
}
