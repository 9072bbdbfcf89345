/** The v11 JSON shapes the sandbox answers with (specs/ptv.md B4), built from its fixture records. */
import type { FixtureChannel, FixtureOrganisation, FixtureService, Lang, Texts } from './fixtures';

const LANGS: Lang[] = ['fi', 'sv', 'en'];

/** Localized texts as v11 items `{language,value,type}`, in fi, sv, en order. */
export function textItems(texts: Texts, type?: string) {
  return LANGS.filter((l) => texts[l]).map((language) => ({ language, value: texts[language] as string, ...(type ? { type } : {}) }));
}

const ref = (id: string, name: string | undefined) => ({ id, name: name ?? null });

export interface Lookup {
  organisation(id: string): FixtureOrganisation | undefined;
  channel(id: string): FixtureChannel | undefined;
  service(id: string): FixtureService | undefined;
  servicesOfChannel(id: string): FixtureService[];
}

export function serviceJson(s: FixtureService, lookup: Lookup) {
  const org = lookup.organisation(s.organisationId);
  const channels = s.channelIds.map((id) => lookup.channel(id)).filter((c): c is FixtureChannel => !!c);
  return {
    id: s.id,
    sourceId: null,
    generalDescriptionId: null,
    type: 'PermitOrObligation',
    subType: null,
    fundingType: 'PubliclyFunded',
    serviceNames: textItems(s.names, 'Name'),
    serviceDescriptions: [...textItems(s.summaries, 'Summary'), ...textItems(s.descriptions, 'Description')],
    serviceChargeType: 'Chargeable',
    areaType: 'Nationwide',
    areas: [],
    languages: LANGS.filter((l) => s.names[l]),
    serviceClasses: [],
    ontologyTerms: [],
    targetGroups: [],
    lifeEvents: [],
    industrialClasses: [],
    legislation: [],
    keywords: [],
    requirements: [],
    // v11 gives null, not [], for a service without connections.
    serviceChannels: channels.length === 0 ? null : channels.map((c) => ({
      serviceChannel: ref(c.id, c.names.fi),
      serviceChargeType: null,
      description: [],
      extraTypes: [],
      serviceHours: [],
      contactDetails: { emails: [], phoneNumbers: [], webPages: [], addresses: [] },
      digitalAuthorizations: [],
      modified: c.modified,
    })),
    organizations: [{ organization: ref(s.organisationId, org?.names.fi), roleType: 'Responsible', provisionType: null, additionalInformation: [] }],
    serviceVouchersInUse: false,
    serviceVouchers: [],
    serviceCollections: [],
    publishingStatus: s.publishingStatus,
    modified: s.modified,
    responsibleSoteOrganization: null,
  };
}

export function channelJson(c: FixtureChannel, lookup: Lookup) {
  return {
    id: c.id,
    sourceId: null,
    serviceChannelType: 'EChannel',
    organizationId: c.organisationId,
    serviceChannelNames: textItems(c.names, 'Name'),
    serviceChannelDescriptions: [...textItems(c.summaries, 'Summary'), ...textItems(c.descriptions, 'Description')],
    areaType: 'Nationwide',
    areas: [],
    signatureQuantity: null,
    requiresSignature: false,
    requiresAuthentication: true,
    attachments: [],
    supportPhones: [],
    supportEmails: [],
    languages: LANGS.filter((l) => c.names[l]),
    webPages: LANGS.filter((l) => c.webPages[l]).map((language) => ({ url: c.webPages[language], value: c.webPages[language], language })),
    serviceHours: [],
    accessibilityClassification: [],
    services: lookup.servicesOfChannel(c.id).map((s) => ({ service: ref(s.id, s.names.fi), modified: s.modified })),
    serviceCollections: [],
    publishingStatus: c.publishingStatus,
    modified: c.modified,
  };
}

export function organisationJson(o: FixtureOrganisation) {
  return {
    id: o.id,
    businessCode: o.businessCode,
    organizationNames: textItems(o.names, 'Name'),
    organizationType: 'State',
    publishingStatus: 'Published',
  };
}

/** The v11 paging object; `page` is 1-based. */
export function page<T>(items: T[], pageNumber: number, pageSize: number) {
  const pageCount = Math.ceil(items.length / pageSize);
  return { pageNumber, pageSize, pageCount, itemList: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize) };
}
