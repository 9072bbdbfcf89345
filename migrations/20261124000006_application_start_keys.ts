import type { Knex } from 'knex';

/**
 * Idempotency-Key of POST /api/v1/applications: the application a key started, per applicant, so a
 * retried start (a phone on a bad network) answers with the same case instead of creating a second one.
 * request_hash is the SHA-256 of the canonical request body: a key reused for another request is refused.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('application_start_keys', (t) => {
    t.text('subject_ref').notNullable();
    t.text('idempotency_key').notNullable();
    t.text('application_id').notNullable();
    t.text('service_id').notNullable();
    t.text('request_hash').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['subject_ref', 'idempotency_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('application_start_keys');
}
