import type { Knex } from 'knex';

/**
 * The exchange with authority systems over Suomi.fi-palveluväylä: one row per message either way
 * (the outbox/inbox, which is also the disclosure log: what went to or came from which system, when,
 * with which content hash), the decision documents that came in, and the first xroad-mode service:
 * Tampere's soil extraction permit, handled in the city's own case system.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exchange_messages', (t) => {
    // The X-Road-Id: stable per message, the idempotency key on both sides.
    t.text('id').primary();
    t.text('application_id').notNullable().index();
    t.text('direction').notNullable().checkIn(['outbound', 'inbound']);
    t.text('type').notNullable();
    /** The other party: the authority's service (outbound) or client (inbound). */
    t.text('party').notNullable();
    t.text('body_sha256').notNullable();
    t.text('status').notNullable().checkIn(['pending', 'delivered', 'failed', 'received', 'applied', 'refused']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    /** Inbound: the answer given, repeated to a duplicate. */
    t.jsonb('response').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true }).nullable();
  });
  await knex.schema.createTable('decision_documents', (t) => {
    t.text('message_id').primary().references('id').inTable('exchange_messages');
    t.text('application_id').notNullable().index();
    t.text('filename').notNullable();
    t.text('media_type').notNullable();
    t.text('sha256').notNullable();
    t.binary('content').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex('authorities').insert({
    id: 'tampere',
    names: JSON.stringify({ fi: 'Tampereen kaupunki', sv: 'Tammerfors stad', en: 'City of Tampere' }),
    business_id: '0211675-2',
    virtu_home_organization: null,
    email: 'kirjaamo@tampere.fi',
  }).onConflict('id').ignore();
  await knex('permit_services').insert({
    id: 'maa-aineslupa',
    authority_id: 'tampere',
    handling_mode: 'xroad',
    xroad_service: 'FI-TEST/MUN/0211675-2/tampere-lupa/lupahakemukset',
    xroad_client: 'FI-TEST/MUN/0211675-2/tampere-asianhallinta',
    required_loa: 'substantial',
    handling_time_days: 120,
    supplement_deadline_days: 30,
    draft_expiry_days: 90,
    acknowledgement_deadline_days: 14,
    appeal_period_days: 30,
    active: true,
    names: JSON.stringify({ fi: 'Maa-ainesten ottamislupa', sv: 'Marktäktstillstånd', en: 'Soil extraction permit' }),
    descriptions: JSON.stringify({
      fi: 'Maa-aineslain mukainen lupa soran, hiekan, saven, mullan tai kiviaineksen ottamiseen.',
      sv: 'Tillstånd enligt marktäktslagen för att ta grus, sand, lera, mylla eller sten.',
      en: 'Permit under the Land Extraction Act to extract gravel, sand, clay, soil or rock.',
    }),
    form_schema: JSON.stringify(soilExtractionForm),
  }).onConflict('id').ignore();
}

export async function down(knex: Knex): Promise<void> {
  await knex('permit_services').where({ id: 'maa-aineslupa' }).delete();
  await knex('authorities').where({ id: 'tampere' }).delete();
  await knex.schema.dropTableIfExists('decision_documents');
  await knex.schema.dropTableIfExists('exchange_messages');
}

const soilExtractionForm = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Maa-ainesten ottamislupahakemus / Ansökan om marktäktstillstånd / Soil extraction permit application',
  type: 'object',
  properties: {
    applicantName: { type: 'string', title: 'Hakija / Sökande / Applicant', minLength: 1, maxLength: 200 },
    propertyId: { type: 'string', title: 'Kiinteistötunnus / Fastighetsbeteckning / Property identifier', pattern: '^[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,4}-[0-9]{1,4}$' },
    material: { type: 'string', title: 'Maa-aines / Marksubstans / Material', enum: ['gravel', 'sand', 'clay', 'soil', 'rock'] },
    volumeM3: { type: 'number', title: 'Ottamismäärä m³ / Täktmängd m³ / Volume m³', exclusiveMinimum: 0 },
    years: { type: 'integer', title: 'Lupa-aika vuosina / Tillståndstid i år / Permit period in years', minimum: 1, maximum: 15 },
    landownerConsent: { type: 'boolean', title: 'Maanomistajan suostumus / Markägarens samtycke / Landowner consent' },
    contact: {
      type: 'object',
      title: 'Yhteyshenkilö / Kontaktperson / Contact person',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: 'string', format: 'email' },
      },
      required: ['name', 'email'],
      additionalProperties: false,
    },
  },
  required: ['applicantName', 'propertyId', 'material', 'volumeM3', 'contact'],
  additionalProperties: false,
};
