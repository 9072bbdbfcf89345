import { randomUUID } from 'node:crypto';
import {
  fixtureChannels, fixtureServices, ORGANISATIONS,
  type FixtureChannel, type FixtureOrganisation, type FixtureService, type Lang,
} from './fixtures';
import type { Lookup } from './shapes';

/** PTV's clock format for `modified`: yyyy-MM-ddTHH:mm:ss, UTC (specs/ptv.md B5). */
const ptvNow = () => new Date().toISOString().slice(0, 19);

/**
 * The sandbox's in-memory catalogue. Tests change it through these methods to play an authority
 * editing its services in the PTV user interface (rename, archive, add an organisation).
 */
export function createPtvStore(platformBaseUrl: string) {
  const organisations = new Map<string, FixtureOrganisation>(ORGANISATIONS.map((o) => [o.id, structuredClone(o)]));
  const services = new Map<string, FixtureService>(fixtureServices().map((s) => [s.id, s]));
  const channels = new Map<string, FixtureChannel>(fixtureChannels(platformBaseUrl).map((c) => [c.id, c]));

  const lookup: Lookup = {
    organisation: (id) => organisations.get(id),
    channel: (id) => channels.get(id),
    service: (id) => services.get(id),
    servicesOfChannel: (id) => [...services.values()].filter((s) => s.publishingStatus === 'Published' && s.channelIds.includes(id)),
  };

  return {
    lookup,
    organisations,
    services,
    channels,
    /** Published services of an organisation, in a stable order. */
    publishedServicesOf(organisationId: string): FixtureService[] {
      return [...services.values()].filter((s) => s.organisationId === organisationId && s.publishingStatus === 'Published')
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    addOrganisation(o: FixtureOrganisation): void {
      organisations.set(o.id, o);
    },
    addService(s: FixtureService): void {
      services.set(s.id, s);
    },
    /** Renames a service in one language, as an edit published in the UI would (modified changes). */
    renameService(id: string, language: Lang, name: string): void {
      const s = services.get(id);
      if (!s) throw new Error(`no service ${id}`);
      s.names = { ...s.names, [language]: name };
      s.modified = ptvNow();
    },
    /** Archives a service: PTV then answers 404 for it. */
    archiveService(id: string): void {
      const s = services.get(id);
      if (!s) throw new Error(`no service ${id}`);
      s.publishingStatus = 'Deleted';
      s.modified = ptvNow();
    },
    /** Drops a service's connection to a channel (as an edit in the UI would). */
    disconnect(serviceId: string, channelId: string): void {
      const s = services.get(serviceId);
      if (s) s.channelIds = s.channelIds.filter((id) => id !== channelId);
    },
    createChannel(channel: Omit<FixtureChannel, 'id' | 'modified'>): FixtureChannel {
      const created = { ...channel, id: randomUUID(), modified: ptvNow() };
      channels.set(created.id, created);
      return created;
    },
    /** PUT /Connection/serviceId/{id}: the given channels replace all of the service's connections; not `modified`. */
    replaceConnections(serviceId: string, channelIds: string[]): void {
      const s = services.get(serviceId);
      if (s) s.channelIds = [...channelIds];
    },
  };
}

export type PtvStore = ReturnType<typeof createPtvStore>;
