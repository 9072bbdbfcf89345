import type { FormData } from '../../workflows/application/messages';
import type { CommonData } from './store';

/** The form fields a project's common data fills, by name (parts.md), each with its value if the project has one. */
const COMMON_FIELDS: Record<string, (data: CommonData) => string | undefined> = {
  projectName: (d) => d.name,
  projectDescription: (d) => d.description,
  siteAddress: (d) => d.site.address,
  siteMunicipality: (d) => d.site.municipality,
  propertyId: (d) => d.site.propertyId,
};

/** The common fields a service's form schema has at its top level. */
function fieldsOf(schema: Record<string, unknown>): string[] {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  return Object.keys(COMMON_FIELDS).filter((name) => Object.hasOwn(properties, name));
}

/**
 * `form` with the common fields its schema has set from the project's data; a field the project
 * no longer has a value for (e.g. a removed property id) is removed. Other fields stay as they are.
 */
export function withCommonData(form: FormData, data: CommonData, schema: Record<string, unknown>): FormData {
  const filled: FormData = { ...form };
  for (const name of fieldsOf(schema)) {
    const value = COMMON_FIELDS[name](data);
    if (value === undefined) delete filled[name];
    else filled[name] = value;
  }
  return filled;
}
