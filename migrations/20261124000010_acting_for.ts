import type { Knex } from 'knex';

/**
 * Acting for others (Suomi.fi e-Authorizations): a login session's pending choice (the OAuth `state`,
 * single use) and its current choice of principal. Both end with the login session. The principal's
 * identity code, the e-Authorizations session id and the access token are encrypted (infra/pii.ts);
 * a person principal is found by the keyed hash of their identity code.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('acting_for_requests', (t) => {
    // SHA-256 of the state sent through the browser; the state itself is never stored.
    t.text('state_hash').primary();
    t.uuid('session_id').notNullable().references('id').inTable('sessions').onDelete('CASCADE').index();
    t.text('kind').notNullable().checkIn(['person', 'organisation']);
    t.text('valtuudet_session_enc').notNullable();
    t.text('return_to').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('consumed_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('acting_for_selections', (t) => {
    t.uuid('session_id').primary().references('id').inTable('sessions').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn(['person', 'organisation']);
    t.text('business_id').nullable().index();
    t.text('principal_hetu_enc').nullable();
    t.text('principal_hetu_hash').nullable();
    t.text('name').notNullable();
    // What the service answered at the choice (register roles and issue URIs); rechecked at every act.
    t.jsonb('roles').notNullable().defaultTo('[]');
    t.boolean('complete').notNullable().defaultTo(true);
    t.text('valtuudet_session_enc').notNullable();
    t.text('access_token_enc').notNullable();
    t.timestamp('token_expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table acting_for_selections add constraint acting_for_selections_principal check (
    (kind = 'organisation' and business_id is not null and principal_hetu_enc is null)
    or (kind = 'person' and business_id is null and principal_hetu_enc is not null and principal_hetu_hash is not null))`);
  // The applicant's list shows the cases of the organisation they act for.
  await knex.schema.alterTable('applications', (t) => t.index(['organisation_business_id']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => t.dropIndex(['organisation_business_id']));
  await knex.schema.dropTableIfExists('acting_for_selections');
  await knex.schema.dropTableIfExists('acting_for_requests');
}
