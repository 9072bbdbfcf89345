import type { Knex } from 'knex';

/**
 * The permit service catalogue from PTV: each service's PTV identity and publishing state beside the
 * platform's own settings, each authority's PTV organisation, and the permit-need surveys. Links the
 * seeded services to the sandbox PTV's fixture ids (sandbox/ptv/fixtures.ts); the tampere rows of the
 * X-Road migration (0002x, which runs first) are linked when they exist.
 */
const ORGANISATIONS: Record<string, string> = {
  lvv: 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e01',
  tukes: 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e02',
  tampere: 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e03',
};

const SERVICES: Record<string, string> = {
  ymparistolupa: '5e7a1d20-6c1b-4f3e-8f11-000000000101',
  vesitalouslupa: '5e7a1d20-6c1b-4f3e-8f11-000000000102',
  kemikaalilupa: '5e7a1d20-6c1b-4f3e-8f11-000000000201',
  'maa-aineslupa': '5e7a1d20-6c1b-4f3e-8f11-000000000301',
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('authorities', (t) => {
    t.uuid('ptv_organisation_id').unique().nullable();
  });
  await knex.schema.alterTable('permit_services', (t) => {
    t.uuid('ptv_service_id').unique().nullable();
    t.uuid('ptv_organisation_id').nullable().index();
    // PTV's status as last seen (Published, Draft, Deleted, …); only Published services take applications.
    t.text('publishing_status').nullable();
    t.timestamp('ptv_modified', { useTz: true }).nullable();
    t.timestamp('synced_at', { useTz: true }).nullable();
  });
  for (const [id, organisation] of Object.entries(ORGANISATIONS)) {
    await knex('authorities').where({ id }).update({ ptv_organisation_id: organisation });
  }
  for (const [id, service] of Object.entries(SERVICES)) {
    await knex('permit_services').where({ id }).update({
      ptv_service_id: service,
      ptv_organisation_id: knex('authorities').select('ptv_organisation_id').where('authorities.id', knex.ref('permit_services.authority_id')),
      publishing_status: 'Published',
    });
  }

  await knex.schema.createTable('permit_surveys', (t) => {
    t.text('id').primary();
    t.text('authority_id').notNullable().references('id').inTable('authorities');
    t.jsonb('definition').notNullable();
    t.text('updated_by').notNullable();
    t.timestamps(true, true);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('permit_surveys');
  await knex.schema.alterTable('permit_services', (t) => {
    for (const c of ['synced_at', 'ptv_modified', 'publishing_status', 'ptv_organisation_id', 'ptv_service_id']) t.dropColumn(c);
  });
  await knex.schema.alterTable('authorities', (t) => t.dropColumn('ptv_organisation_id'));
}
