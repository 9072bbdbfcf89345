import type { Knex } from 'knex';

/**
 * Login sessions and the SAML bookkeeping the SP needs: outstanding request ids (InResponseTo is
 * accepted once) and seen assertion ids (replay cache, kept until the assertion expires).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary();
    // SHA-256 of the cookie token: a database leak does not hand out live sessions.
    t.text('token_hash').notNullable().unique();
    t.text('kind').notNullable().checkIn(['applicant', 'official']);
    t.text('idp').notNullable().checkIn(['suomifi', 'virtu']);
    t.text('subject_ref').notNullable().index();
    // Applicants only: the identity code, encrypted with infra/pii.ts.
    t.text('identity_code_enc').nullable();
    t.text('display_name').notNullable();
    t.text('given_name').nullable();
    t.text('family_name').nullable();
    t.text('loa').notNullable().checkIn(['low', 'substantial', 'high']);
    t.text('language').notNullable().checkIn(['fi', 'sv', 'en']);
    t.text('authority_id').nullable();
    t.specificType('permissions', 'text[]').notNullable().defaultTo('{}');
    t.text('csrf_token').notNullable();
    // Kept verbatim for Single Logout: the IdP wants NameID with its qualifiers and the SessionIndex.
    t.text('name_id').notNullable();
    t.text('name_id_format').nullable();
    t.text('name_qualifier').nullable();
    t.text('sp_name_qualifier').nullable();
    t.text('session_index').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true }).nullable();
    t.index(['idp', 'name_id']);
  });

  await knex.schema.createTable('saml_requests', (t) => {
    t.text('id').primary();
    t.text('idp').notNullable();
    t.text('kind').notNullable().checkIn(['authn', 'logout']);
    // RelayState sent with the request: the answer must echo it (binds the round trip).
    t.text('relay_state').nullable();
    // Where to send the browser after login (a same-origin path, checked when stored).
    t.text('return_to').nullable();
    t.text('language').notNullable().defaultTo('fi');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('consumed_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('saml_assertions', (t) => {
    t.text('id').primary();
    t.text('idp').notNullable();
    t.timestamp('not_on_or_after', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('saml_assertions');
  await knex.schema.dropTableIfExists('saml_requests');
  await knex.schema.dropTableIfExists('sessions');
}
