import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { RunningPtvSandbox } from '../../sandbox/ptv';
import { PLATFORM_CHANNEL_ID, type FixtureService } from '../../sandbox/ptv/fixtures';

const texts = (what: string) => ({ fi: `${what} (fi)`, sv: `${what} (sv)`, en: `${what} (en)` });

/**
 * An authority of this test alone: a PTV organisation in the sandbox with `count` published services,
 * and the same authority and services in the catalogue, so that syncing or archiving them touches
 * nothing another test file reads.
 */
export async function ownAuthority(db: Knex, ptv: RunningPtvSandbox, count = 2) {
  const suffix = randomUUID().slice(0, 8);
  const authorityId = `t5-${suffix}`;
  const organisationId = randomUUID();
  ptv.store.addOrganisation({ id: organisationId, businessCode: '1234567-1', names: texts(`Testivirasto ${suffix}`) });
  await db('authorities').insert({ id: authorityId, names: JSON.stringify(texts(`Testivirasto ${suffix}`)), ptv_organisation_id: organisationId, virtu_home_organization: `${authorityId}.fi` });
  const template = await db('permit_services').where({ id: 'ymparistolupa' }).first();
  const services: { id: string; ptvId: string }[] = [];
  for (let i = 1; i <= count; i++) {
    const ptvId = randomUUID();
    const service: FixtureService = {
      id: ptvId, organisationId, names: texts(`Lupa ${i}`), summaries: texts(`Tiivistelmä ${i}`), descriptions: texts(`Kuvaus ${i}`),
      publishingStatus: 'Published', modified: '2026-10-01T08:00:00', channelIds: [PLATFORM_CHANNEL_ID],
    };
    ptv.store.addService(service);
    const id = `${authorityId}-lupa-${i}`;
    await db('permit_services').insert({
      ...template, id, authority_id: authorityId, names: JSON.stringify(texts(`Lupa ${i}`)), descriptions: JSON.stringify(texts(`Kuvaus ${i}`)),
      form_schema: JSON.stringify(template.form_schema), representation: JSON.stringify(template.representation),
      attachment_media_types: JSON.stringify(template.attachment_media_types), attachment_types: JSON.stringify(template.attachment_types),
      ptv_service_id: ptvId, ptv_organisation_id: organisationId, publishing_status: 'Published', active: true,
      created_at: new Date(), updated_at: new Date(),
    });
    services.push({ id, ptvId });
  }
  return { authorityId, organisationId, services };
}
