import type { Knex } from 'knex';

/**
 * Notifications (issue 6): applicants' contact addresses, encrypted and looked up by the login's
 * pseudonymous subject, and the log of every notification, which is also its idempotency record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('applicant_contacts', (t) => {
    /** sessions.subject_ref: the keyed hash of the identity code, never the code itself. */
    t.text('subject_ref').primary();
    /** infra/pii.ts ciphertext of the e-mail address. */
    t.text('email_encrypted').notNullable();
    t.text('language').nullable().checkIn(['fi', 'sv', 'en']);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    /** Workflow id + what + event seq: a retried activity or a replay finds its row and never sends twice. */
    t.text('idempotency_key').notNullable().unique();
    t.text('application_id').notNullable().index();
    t.text('template').notNullable();
    t.text('recipient_kind').notNullable().checkIn(['authority', 'applicant']);
    /** Keyed hash of the address (infra/pii.ts hash); null when there was no address. */
    t.text('recipient_hash').nullable();
    t.text('language').notNullable().checkIn(['fi', 'sv', 'en']);
    t.text('status').notNullable().checkIn(['pending', 'sent', 'skipped', 'failed']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('error_code').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notifications');
  await knex.schema.dropTableIfExists('applicant_contacts');
}
