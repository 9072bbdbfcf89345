import type { PtvCatalogueApi, PtvChannel } from './catalogue-api';

/** The platform's address without a trailing slash, as channel web pages are compared. */
const normalise = (url: string) => url.replace(/\/+$/, '').toLowerCase();

/** This platform's e-service channel in PTV: the organisation's EChannel whose web page is the platform's address. */
export async function findPlatformChannel(ptv: PtvCatalogueApi, organisationId: string, publicBaseUrl: string): Promise<PtvChannel | null> {
  const own = normalise(publicBaseUrl);
  const channels = await ptv.electronicChannels(organisationId);
  return channels.find((c) => c.webPageUrls.some((url) => normalise(url) === own || normalise(url).startsWith(`${own}/`))) ?? null;
}

/** The platform's channel, created (and published) when it does not exist yet. */
export async function ensurePlatformChannel(ptv: PtvCatalogueApi, organisationId: string, publicBaseUrl: string): Promise<PtvChannel> {
  const found = await findPlatformChannel(ptv, organisationId, publicBaseUrl);
  if (found) return found;
  return ptv.createElectronicChannel({
    organisationId,
    url: publicBaseUrl.replace(/\/+$/, ''),
    names: { fi: 'Luvat ja valvonta -asiointipalvelu', sv: 'E-tjänsten Tillstånd och tillsyn', en: 'Permits and Supervision e-service' },
    summaries: { fi: 'Hae lupia ja hoida valvonta-asioita verkossa.', sv: 'Ansök om tillstånd och sköt tillsynsärenden på nätet.', en: 'Apply for permits and handle supervision matters online.' },
    descriptions: {
      fi: 'Luvat ja valvonta -palvelussa haet lupia viranomaisilta, täydennät hakemuksia ja saat päätökset.',
      sv: 'I tjänsten Tillstånd och tillsyn ansöker du om tillstånd hos myndigheter, kompletterar ansökningar och får beslut.',
      en: 'In the Permits and Supervision service you apply for permits from authorities, supplement applications and receive decisions.',
    },
  });
}
