/**
 * Fixture data of the sandbox PTV: three authorities and their permit services, in the v11 domain
 * (organisations, services, electronic channels). The GUIDs are this sandbox's own; the platform's
 * migration 20261124000030 links its seeded services to them.
 */
export type Lang = 'fi' | 'sv' | 'en';
export type Texts = Partial<Record<Lang, string>>;
export type PublishingStatus = 'Draft' | 'Published' | 'Deleted' | 'Modified' | 'OldPublished' | 'Removed';

export interface FixtureOrganisation { id: string; businessCode: string; names: Texts }

export interface FixtureService {
  id: string;
  organisationId: string;
  names: Texts;
  summaries: Texts;
  descriptions: Texts;
  publishingStatus: PublishingStatus;
  modified: string;
  /** Electronic channels this service is connected to. */
  channelIds: string[];
}

export interface FixtureChannel {
  id: string;
  organisationId: string;
  names: Texts;
  summaries: Texts;
  descriptions: Texts;
  webPages: Texts;
  publishingStatus: PublishingStatus;
  modified: string;
}

export const ORG = {
  lvv: 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e01',
  tukes: 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e02',
  tampere: 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e03',
} as const;

export const SERVICE = {
  ymparistolupa: '5e7a1d20-6c1b-4f3e-8f11-000000000101',
  vesitalouslupa: '5e7a1d20-6c1b-4f3e-8f11-000000000102',
  kemikaalilupa: '5e7a1d20-6c1b-4f3e-8f11-000000000201',
  maaAineslupa: '5e7a1d20-6c1b-4f3e-8f11-000000000301',
  /** Published in PTV, not yet in the platform: an administrator may import it. */
  luonnonsuojelu: '5e7a1d20-6c1b-4f3e-8f11-000000000103',
  /** Never published (Draft): the public API does not show it. */
  jatelupaDraft: '5e7a1d20-6c1b-4f3e-8f11-000000000104',
  /** Archived (Deleted): 404 everywhere. */
  archived: '5e7a1d20-6c1b-4f3e-8f11-000000000105',
} as const;

/** The e-service channel of Luvat ja valvonta; its web page is the platform's public address. */
export const PLATFORM_CHANNEL_ID = '9d3c2b1a-0f4e-4a5b-8c7d-00000000e001';

const MODIFIED = '2026-10-01T08:00:00';

export const ORGANISATIONS: FixtureOrganisation[] = [
  { id: ORG.lvv, businessCode: '3457437-9', names: { fi: 'Lupa- ja valvontavirasto', sv: 'Tillstånds- och tillsynsverket', en: 'Permit and Supervision Agency' } },
  { id: ORG.tukes, businessCode: '1021277-9', names: { fi: 'Turvallisuus- ja kemikaalivirasto', sv: 'Säkerhets- och kemikalieverket', en: 'Finnish Safety and Chemicals Agency' } },
  { id: ORG.tampere, businessCode: '0211675-2', names: { fi: 'Tampereen kaupunki', sv: 'Tammerfors stad', en: 'City of Tampere' } },
];

const service = (s: Omit<FixtureService, 'modified' | 'publishingStatus' | 'channelIds'> & Partial<FixtureService>): FixtureService => ({
  publishingStatus: 'Published', modified: MODIFIED, channelIds: [PLATFORM_CHANNEL_ID], ...s,
});

export function fixtureServices(): FixtureService[] {
  return [
    service({
      id: SERVICE.ymparistolupa, organisationId: ORG.lvv,
      names: { fi: 'Ympäristölupa', sv: 'Miljötillstånd', en: 'Environmental permit' },
      summaries: { fi: 'Lupa ympäristöä mahdollisesti pilaavalle toiminnalle.', sv: 'Tillstånd för verksamhet som kan förorena miljön.', en: 'Permit for activities that may pollute the environment.' },
      descriptions: {
        fi: 'Ympäristönsuojelulain mukainen lupa toiminnalle, josta voi aiheutua ympäristön pilaantumista, kuten teollisuuslaitokselle, eläinsuojalle tai jätteenkäsittelylle.',
        sv: 'Tillstånd enligt miljöskyddslagen för verksamhet som kan medföra förorening av miljön, till exempel en industrianläggning, ett djurstall eller avfallshantering.',
        en: 'Permit under the Environmental Protection Act for activities that may pollute the environment, such as an industrial plant, an animal shelter or waste treatment.',
      },
    }),
    service({
      id: SERVICE.vesitalouslupa, organisationId: ORG.lvv,
      names: { fi: 'Vesitalouslupa', sv: 'Tillstånd enligt vattenlagen', en: 'Water resources permit' },
      summaries: { fi: 'Lupa vesitaloushankkeelle.', sv: 'Tillstånd för ett vattenhushållningsprojekt.', en: 'Permit for a water resources project.' },
      descriptions: {
        fi: 'Vesilain mukainen lupa vesitaloushankkeelle, kuten vesistöön rakentamiselle, ruoppaukselle tai pohjaveden ottamiselle.',
        sv: 'Tillstånd enligt vattenlagen för ett vattenhushållningsprojekt, till exempel byggande i vattendrag, muddring eller uttag av grundvatten.',
        en: 'Permit under the Water Act for a water resources project, such as building in a water body, dredging or groundwater abstraction.',
      },
    }),
    service({
      id: SERVICE.luonnonsuojelu, organisationId: ORG.lvv,
      names: { fi: 'Luonnonsuojelulain mukainen poikkeuslupa', sv: 'Undantagstillstånd enligt naturvårdslagen', en: 'Derogation under the Nature Conservation Act' },
      summaries: { fi: 'Poikkeus rauhoitetun lajin suojelusta.', sv: 'Undantag från fridlysning av en art.', en: 'Derogation from the protection of a protected species.' },
      descriptions: {
        fi: 'Poikkeuslupa luonnonsuojelulain rauhoitussäännöksistä, esimerkiksi rauhoitetun lajin pesäpaikan siirtämiseen.',
        sv: 'Undantagstillstånd från fridlysningsbestämmelserna i naturvårdslagen, till exempel för att flytta en fridlyst arts boplats.',
        en: 'Derogation from the protection provisions of the Nature Conservation Act, for example to move the nest of a protected species.',
      },
    }),
    service({
      id: SERVICE.jatelupaDraft, organisationId: ORG.lvv, publishingStatus: 'Draft', channelIds: [],
      names: { fi: 'Jätteen kansainvälisen siirron lupa', sv: 'Tillstånd för gränsöverskridande avfallstransport', en: 'Permit for transboundary shipment of waste' },
      summaries: { fi: 'Luonnos.', sv: 'Utkast.', en: 'Draft.' },
      descriptions: { fi: 'Luonnos, ei vielä julkaistu.', sv: 'Utkast, ännu inte publicerat.', en: 'Draft, not yet published.' },
    }),
    service({
      id: SERVICE.archived, organisationId: ORG.lvv, publishingStatus: 'Deleted',
      names: { fi: 'Ilmoitus koeluonteisesta toiminnasta (vanha)', sv: 'Anmälan om verksamhet av försökskaraktär (gammal)', en: 'Notification of experimental activity (old)' },
      summaries: { fi: 'Arkistoitu.', sv: 'Arkiverad.', en: 'Archived.' },
      descriptions: { fi: 'Arkistoitu palvelu.', sv: 'Arkiverad tjänst.', en: 'Archived service.' },
    }),
    service({
      // Not yet linked to the platform's e-service channel: onboarding shows what to do.
      id: SERVICE.kemikaalilupa, organisationId: ORG.tukes, channelIds: [],
      names: {
        fi: 'Lupa vaarallisten kemikaalien laajamittaiseen teolliseen käsittelyyn ja varastointiin',
        sv: 'Tillstånd för omfattande industriell hantering och upplagring av farliga kemikalier',
        en: 'Permit for large-scale industrial handling and storage of hazardous chemicals',
      },
      summaries: { fi: 'Lupa vaarallisten kemikaalien laajamittaiseen käsittelyyn.', sv: 'Tillstånd för omfattande hantering av farliga kemikalier.', en: 'Permit for large-scale handling of hazardous chemicals.' },
      descriptions: {
        fi: 'Kemikaaliturvallisuuslain mukainen lupa tuotantolaitokselle, jossa käsitellään tai varastoidaan vaarallisia kemikaaleja laajamittaisesti.',
        sv: 'Tillstånd enligt lagen om kemikaliesäkerhet för en produktionsanläggning där farliga kemikalier hanteras eller upplagras i stor omfattning.',
        en: 'Permit under the Chemicals Safety Act for a production plant that handles or stores hazardous chemicals on a large scale.',
      },
    }),
    service({
      id: SERVICE.maaAineslupa, organisationId: ORG.tampere,
      names: { fi: 'Maa-aineslupa', sv: 'Marktäktstillstånd', en: 'Soil extraction permit' },
      summaries: { fi: 'Lupa maa-ainesten ottamiseen.', sv: 'Tillstånd för marktäkt.', en: 'Permit to extract soil resources.' },
      descriptions: {
        fi: 'Maa-aineslain mukainen lupa kiven, soran, hiekan, saven tai mullan ottamiseen.',
        sv: 'Tillstånd enligt marktäktslagen för att ta sten, grus, sand, lera eller matjord.',
        en: 'Permit under the Land Extraction Act to extract rock, gravel, sand, clay or soil.',
      },
    }),
  ];
}

export function fixtureChannels(platformBaseUrl: string): FixtureChannel[] {
  return [{
    id: PLATFORM_CHANNEL_ID,
    organisationId: ORG.lvv,
    names: { fi: 'Luvat ja valvonta -asiointipalvelu', sv: 'E-tjänsten Tillstånd och tillsyn', en: 'Permits and Supervision e-service' },
    summaries: { fi: 'Hae lupia verkossa.', sv: 'Ansök om tillstånd på nätet.', en: 'Apply for permits online.' },
    descriptions: { fi: 'Lupahakemukset ja valvonta-asiat verkossa.', sv: 'Tillståndsansökningar och tillsynsärenden på nätet.', en: 'Permit applications and supervision matters online.' },
    webPages: { fi: platformBaseUrl, sv: platformBaseUrl, en: platformBaseUrl },
    publishingStatus: 'Published',
    modified: MODIFIED,
  }];
}
