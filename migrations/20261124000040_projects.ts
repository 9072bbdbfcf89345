import type { Knex } from 'knex';

/**
 * Projects (issue 6): an applicant's bundle of permit applications with common data entered once. A
 * project is an entity the API composes, not a workflow: each application keeps its own. The read
 * model learns each case's project and whether the applicant consents to the authority seeing the draft.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.uuid('id').primary();
    // The keyed hash of the creator's identity code, as applications.applicant_ref.
    t.text('owner_ref').notNullable();
    // The organisation the project belongs to when its creator acted for one (null: their own).
    t.jsonb('on_behalf_of').nullable();
    t.text('organisation_business_id').nullable();
    t.text('name').notNullable();
    t.text('description').notNullable();
    t.jsonb('site').notNullable();
    t.timestamps(true, true);
    t.index(['owner_ref']);
    t.index(['organisation_business_id']);
  });
  await knex.schema.alterTable('applications', (t) => {
    t.uuid('project_id').nullable().references('id').inTable('projects');
    t.boolean('consent_given').notNullable().defaultTo(false);
    t.index(['project_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropColumn('consent_given');
    t.dropColumn('project_id');
  });
  await knex.schema.dropTableIfExists('projects');
}
