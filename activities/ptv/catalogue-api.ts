/**
 * The platform's view of the Suomi.fi Service Catalogue (PTV), independent of its API version: the
 * v11 client implements it today, a v12 client can replace it without touching any caller.
 */
import type { Language } from '../../workflows/application/messages';

export type PtvTexts = Partial<Record<Language, string>>;

/** A service as PTV publishes it. */
export interface PtvService {
  id: string;
  /** Service | PermitOrObligation | ProfessionalQualification. */
  type: string;
  /** The responsible organisation. */
  organisationId: string | null;
  names: PtvTexts;
  /** Long descriptions, falling back to the summaries where a language has none. */
  descriptions: PtvTexts;
  publishingStatus: string;
  /** PTV's `modified`, as an ISO time in UTC. */
  modified: string;
  /** The electronic channels connected to the service (Service.serviceChannels). */
  channelIds: string[];
}

/** An electronic service channel (EChannel). */
export interface PtvChannel {
  id: string;
  organisationId: string;
  names: PtvTexts;
  webPageUrls: string[];
  publishingStatus: string;
}

/** What creating an e-service channel needs; the client fills in PTV's required formalities. */
export interface NewPtvChannel {
  organisationId: string;
  names: Record<Language, string>;
  summaries: Record<Language, string>;
  descriptions: Record<Language, string>;
  url: string;
}

export interface PtvCatalogueApi {
  /** Which implementation this is, e.g. `ptv-v11`. */
  readonly identifier: string;
  /** The published version of a service; null when PTV does not publish it (unknown, draft or archived). */
  service(id: string): Promise<PtvService | null>;
  /** The latest version, drafts included (needs the API user's token); null when unknown or archived. */
  latestService(id: string): Promise<PtvService | null>;
  /** Every published service of an organisation, all pages. */
  servicesOfOrganisation(organisationId: string): Promise<PtvService[]>;
  /** The organisation's published electronic channels. */
  electronicChannels(organisationId: string): Promise<PtvChannel[]>;
  /** Creates and publishes an electronic channel (write API). */
  createElectronicChannel(channel: NewPtvChannel): Promise<PtvChannel>;
  /** Connects a service to a channel, keeping its other connections (write API). */
  connect(serviceId: string, channelId: string): Promise<void>;
}

/** PTV answered in a way no retry will change (bad request, refused credentials). */
export class PtvRequestRefused extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'PtvRequestRefused';
  }
}

/** PTV could not be reached or failed (transport error, timeout, 5xx): a later try may succeed. */
export class PtvUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PtvUnavailable';
  }
}
