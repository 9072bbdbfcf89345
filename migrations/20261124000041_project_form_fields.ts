import type { Knex } from 'knex';

/**
 * The seeded services' forms get the fields a project's common data fills (api/projects/common-form.ts),
 * as optional top-level properties: every form valid before stays valid. The water permit already
 * asks for `projectName`; its own definition is kept.
 */
const FIELDS: Record<string, Record<string, unknown>> = {
  projectName: { type: 'string', title: 'Hankkeen nimi / Projektets namn / Project name', minLength: 1, maxLength: 200 },
  projectDescription: { type: 'string', title: 'Hankkeen kuvaus / Beskrivning av projektet / Project description', minLength: 1, maxLength: 20000 },
  siteAddress: { type: 'string', title: 'Hankkeen osoite / Projektets adress / Site address', minLength: 1, maxLength: 200 },
  siteMunicipality: { type: 'string', title: 'Hankkeen kunta / Projektets kommun / Site municipality', minLength: 1, maxLength: 100 },
  propertyId: {
    type: 'string', title: 'Kiinteistötunnus / Fastighetsbeteckning / Property identifier',
    pattern: '^[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,4}-[0-9]{1,4}$',
  },
};
const SERVICES = ['ymparistolupa', 'vesitalouslupa', 'kemikaalilupa'];

type Schema = { properties?: Record<string, unknown> };

async function rewrite(knex: Knex, change: (properties: Record<string, unknown>, serviceId: string) => void): Promise<void> {
  const rows: { id: string; form_schema: Schema }[] = await knex('permit_services').select('id', 'form_schema').whereIn('id', SERVICES);
  for (const row of rows) {
    const properties = { ...row.form_schema.properties };
    change(properties, row.id);
    await knex('permit_services').where({ id: row.id }).update({ form_schema: JSON.stringify({ ...row.form_schema, properties }) });
  }
}

export async function up(knex: Knex): Promise<void> {
  await rewrite(knex, (properties) => {
    for (const [name, definition] of Object.entries(FIELDS)) properties[name] ??= definition;
  });
}

export async function down(knex: Knex): Promise<void> {
  await rewrite(knex, (properties, serviceId) => {
    for (const name of Object.keys(FIELDS)) {
      if (!(serviceId === 'vesitalouslupa' && name === 'projectName')) delete properties[name];
    }
  });
}
