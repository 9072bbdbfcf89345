import type { Knex } from 'knex';
import { up as addTopLevelFields } from './20261124000041_project_form_fields';

/**
 * Where a project's common data goes in each service's form (api/projects/common-data-map.ts): a map
 * from common item to a JSON Pointer, null = the top-level properties of the items' own names. The
 * seeded services point at their own fields, so the duplicates 20261124000041 added go again where
 * the form already asks for the same thing; `projectName` stays (only vesitalouslupa had one of its own).
 * Running cases keep the schema they started with (the workflow's snapshot).
 */
const OWN_SITE = { siteAddress: '/site/street', siteMunicipality: '/site/municipality', propertyId: '/site/propertyId' };
const MAPS: Record<string, Record<string, string>> = {
  ymparistolupa: { projectName: '/projectName', projectDescription: '/activityDescription', ...OWN_SITE },
  vesitalouslupa: { projectName: '/projectName', projectDescription: '/description', ...OWN_SITE },
  kemikaalilupa: { projectName: '/projectName', projectDescription: '/description', ...OWN_SITE },
};
/** The fields 20261124000041 added that each seeded form has its own counterpart of. */
const DUPLICATES = ['projectDescription', 'siteAddress', 'siteMunicipality', 'propertyId'];
type Schema = { properties?: Record<string, unknown> };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_services', (t) => {
    t.jsonb('common_data_fields').nullable();
  });
  const rows: { id: string; form_schema: Schema }[] = await knex('permit_services').select('id', 'form_schema').whereIn('id', Object.keys(MAPS));
  for (const row of rows) {
    const properties = { ...row.form_schema.properties };
    for (const name of DUPLICATES) delete properties[name];
    await knex('permit_services').where({ id: row.id }).update({
      form_schema: JSON.stringify({ ...row.form_schema, properties }),
      common_data_fields: JSON.stringify(MAPS[row.id]),
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  // Back to the top-level fields (the seeded services without a map fill them again).
  await addTopLevelFields(knex);
  await knex.schema.alterTable('permit_services', (t) => {
    t.dropColumn('common_data_fields');
  });
}
