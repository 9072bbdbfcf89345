import type { Knex } from 'knex';

/**
 * The applications read model (lists and searches; the workflow stays the source of truth) and the
 * append-only case event log. `last_seq` lets the idempotent writer never move a row backwards.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SEQUENCE application_number_seq START 1');
  await knex.schema.createTable('applications', (t) => {
    t.text('id').primary();
    // No foreign key: a case asked for a service that does not exist must still be recorded (and closed).
    t.text('service_id').notNullable();
    // Null while the service could not be resolved (the case then closes SERVICE_UNAVAILABLE).
    t.text('authority_id').nullable().references('id').inTable('authorities');
    t.text('applicant_ref').notNullable();
    t.text('applicant_name').notNullable();
    t.jsonb('principal').nullable();
    t.text('organisation_business_id').nullable();
    t.text('status').notNullable();
    t.text('close_reason').nullable();
    t.text('case_number').nullable();
    t.timestamp('submitted_at', { useTz: true }).nullable();
    t.jsonb('receipt').nullable();
    t.timestamp('deadline_at', { useTz: true }).nullable();
    t.integer('last_seq').notNullable();
    // The case as its last event left it, so reads need no workflow query (and survive history retention).
    t.jsonb('view').notNullable();
    t.timestamps(true, true);
    t.index(['applicant_ref']);
    t.index(['authority_id', 'status']);
  });
  await knex.schema.createTable('case_events', (t) => {
    t.text('application_id').notNullable().references('id').inTable('applications');
    t.integer('seq').notNullable();
    t.text('type').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('status').notNullable();
    t.jsonb('actor').notNullable();
    t.jsonb('data').notNullable();
    t.primary(['application_id', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('case_events');
  await knex.schema.dropTableIfExists('applications');
  await knex.raw('DROP SEQUENCE IF EXISTS application_number_seq');
}
