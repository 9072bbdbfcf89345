import type { Knex } from 'knex';

/**
 * Attachments (issue 6): each service's limits and attachment types, the attachments' metadata, and
 * the default blob store's chunks. Blobs are kept in chunks of bytea rows so that no file is ever held
 * in memory whole, and so that an object store can take the blob store's place (activities/attachments).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_services', (t) => {
    t.integer('attachment_max_file_bytes').notNullable().defaultTo(10 * 1024 * 1024);
    t.jsonb('attachment_media_types').notNullable().defaultTo(JSON.stringify(['application/pdf', 'image/png', 'image/jpeg']));
    t.jsonb('attachment_types').notNullable().defaultTo(JSON.stringify([OTHER]));
  });
  for (const [id, types] of Object.entries(SEEDED_TYPES)) {
    await knex('permit_services').where({ id }).update({ attachment_types: JSON.stringify(types) });
  }

  await knex.schema.createTable('blob_chunks', (t) => {
    t.uuid('blob_key').notNullable();
    t.integer('seq').notNullable();
    t.binary('data').notNullable();
    t.primary(['blob_key', 'seq']);
  });
  await knex.schema.createTable('attachments', (t) => {
    t.uuid('id').primary();
    t.text('application_id').notNullable().index();
    t.text('type_code').notNullable();
    t.text('filename').notNullable();
    t.text('media_type').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('sha256').notNullable();
    /** Pseudonymous ref of who uploaded it (a keyed hash, never an identity code). */
    t.text('uploader_ref').notNullable();
    t.uuid('blob_key').notNullable();
    /** stored: bytes kept, the case not yet told; attached: in the case; removed: taken out of the case. */
    t.text('state').notNullable().checkIn(['stored', 'attached', 'removed']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('attachments');
  await knex.schema.dropTableIfExists('blob_chunks');
  await knex.schema.alterTable('permit_services', (t) => {
    t.dropColumn('attachment_types');
    t.dropColumn('attachment_media_types');
    t.dropColumn('attachment_max_file_bytes');
  });
}

const OTHER = { code: 'muu', names: { fi: 'Muu liite', sv: 'Övrig bilaga', en: 'Other attachment' }, required: false };

/** The seeded services' attachment types: an environmental permit cannot be assessed without a site plan. */
const SEEDED_TYPES: Record<string, unknown[]> = {
  ymparistolupa: [
    { code: 'asemapiirros', names: { fi: 'Asemapiirros', sv: 'Situationsplan', en: 'Site plan' }, required: true },
    { code: 'ymparistovaikutukset', names: { fi: 'Selvitys ympäristövaikutuksista', sv: 'Utredning om miljökonsekvenser', en: 'Environmental impact report' }, required: false },
    OTHER,
  ],
  vesitalouslupa: [
    { code: 'kartta', names: { fi: 'Hankealueen kartta', sv: 'Karta över projektområdet', en: 'Map of the project area' }, required: false },
    OTHER,
  ],
  kemikaalilupa: [
    { code: 'turvallisuusselvitys', names: { fi: 'Turvallisuusselvitys', sv: 'Säkerhetsutredning', en: 'Safety report' }, required: false },
    OTHER,
  ],
};
