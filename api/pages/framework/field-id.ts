/** The id of a form control named `name` (dotted path, e.g. `site.address`): what labels and the error summary point at. */
export const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
