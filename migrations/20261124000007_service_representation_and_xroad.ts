import type { Knex } from 'knex';

/**
 * Per-service settings for acting on behalf of others (Suomi.fi e-Authorizations) and for the
 * exchange with an authority's own system over Suomi.fi-palveluväylä. DVV recommends accepting at
 * least TJ and NIMKO for companies (specs/valtuudet.md §6); services may add their issue URIs.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_services', (t) => {
    t.jsonb('representation').notNullable().defaultTo(JSON.stringify({ organisationRoles: ['TJ', 'NIMKO'], issueUris: [] }));
    t.text('xroad_service').nullable();
    t.text('xroad_client').nullable();
  });
  // An xroad-mode service cannot exist without the X-Road identifiers to reach its authority.
  await knex.raw(`alter table permit_services add constraint permit_services_xroad_settings check (
    (handling_mode = 'xroad') = (xroad_service is not null and xroad_client is not null))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table permit_services drop constraint permit_services_xroad_settings');
  await knex.schema.alterTable('permit_services', (t) => {
    t.dropColumn('xroad_client');
    t.dropColumn('xroad_service');
    t.dropColumn('representation');
  });
}
