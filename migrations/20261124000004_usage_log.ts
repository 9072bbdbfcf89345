import type { Knex } from 'knex';

/**
 * The usage log: every read or change of an application by an official or an operator (who, when,
 * what, why), as the law requires of an authority. Append-only; never updated or deleted by the platform.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('usage_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('subject_ref').notNullable();
    t.text('display_name').notNullable();
    t.text('authority_id').nullable();
    t.text('action').notNullable();
    t.text('application_id').nullable();
    t.text('purpose').notNullable();
    t.text('request_id').notNullable();
    t.index(['application_id', 'at']);
    t.index(['subject_ref', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('usage_log');
}
