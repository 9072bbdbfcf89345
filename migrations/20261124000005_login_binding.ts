import type { Knex } from 'knex';

/**
 * Binds each AuthnRequest to the browser that started it (specs/saml.md §4, login CSRF): the SHA-256
 * of a random nonce that only that browser holds, in the `lupaflow_login` cookie. Logout requests
 * have none.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('saml_requests', (t) => {
    t.text('browser_binding_hash').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('saml_requests', (t) => {
    t.dropColumn('browser_binding_hash');
  });
}
