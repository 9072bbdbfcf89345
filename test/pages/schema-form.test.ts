import { formFields, localTitle, readForm } from '../../api/pages/applicant/schema-form';

// Issue 6 item 5: the application form generated from a service's JSON Schema, and read back from a posted form.
const schema = {
  type: 'object',
  properties: {
    notes: { type: 'string', title: 'Lisätiedot / Tilläggsuppgifter / Notes', maxLength: 20000 },
    name: { type: 'string', title: 'Nimi / Namn / Name', maxLength: 200 },
    postalCode: { type: 'string', pattern: '^[0-9]{5}$' },
    kind: { type: 'string', enum: ['industrial_plant', 'other'] },
    start: { type: 'string', format: 'date' },
    email: { type: 'string', format: 'email' },
    amount: { type: 'number' },
    count: { type: 'integer' },
    attached: { type: 'boolean', title: 'Liitetty / Bifogad / Attached' },
    site: { type: 'object', title: 'Paikka / Plats / Site', properties: { street: { type: 'string' } }, required: ['street'] },
    chemicals: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, tonnes: { type: 'number' } } } },
  },
  required: ['site', 'name'],
};

describe('application form from the JSON Schema (issue 6)', () => {
  it('renders each type as its control, required ones first and marked, titles in the page language', () => {
    const fields = formFields(schema, { name: 'Tessa', chemicals: [{ name: 'Ammoniakki', tonnes: 5 }] }, { language: 'sv' });
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['site', 'fieldset', true], ['name', 'input', true], ['notes', 'textarea', false], ['postalCode', 'input', false],
      ['kind', 'select', false], ['start', 'input', false], ['email', 'input', false], ['amount', 'input', false],
      ['count', 'input', false], ['attached', 'checkbox', false], ['chemicals', 'fieldset', false],
    ]);
    expect(fields[0]).toMatchObject({ label: 'Plats', fields: [{ name: 'site.street', required: true }] });
    expect(fields[1]).toMatchObject({ label: 'Namn', value: 'Tessa' });
    expect(fields.find((f) => f.name === 'kind')).toMatchObject({ options: [{ value: 'industrial_plant', text: 'Industrial plant' }, { value: 'other', text: 'Other' }] });
    expect(fields.find((f) => f.name === 'start')).toMatchObject({ type: 'date' });
    expect(fields.find((f) => f.name === 'email')).toMatchObject({ type: 'email' });
    // Every saved row and one empty row to add another.
    const rows = fields.find((f) => f.name === 'chemicals') as { fields: { name: string }[] };
    expect(rows.fields.map((r) => r.name)).toEqual(['chemicals.0', 'chemicals.1']);
  });

  it('reads a posted form back into the schema\'s JSON: numbers parsed, empty inputs left out, rows kept in order', () => {
    const form = readForm(schema, {
      name: ' Tessa ', notes: '', amount: '1,5', count: 'many', attached: 'true', 'site.street': 'Rantatie 1',
      'chemicals.1.name': 'Ammoniakki', 'chemicals.1.tonnes': '5', 'chemicals.0.name': '', 'chemicals.2.name': 'Kloori', unknown: 'x',
    });
    expect(form).toEqual({
      name: 'Tessa', amount: 1.5, count: 'many', attached: true, site: { street: 'Rantatie 1' },
      chemicals: [{ name: 'Ammoniakki', tonnes: 5 }, { name: 'Kloori' }],
    });
    expect(readForm(schema, {})).toEqual({ attached: false });
  });

  it('takes a trilingual seeded title apart, and keeps any other title as it is', () => {
    expect(localTitle('Kunta / Kommun / Municipality', 'en', 'x')).toBe('Municipality');
    expect(localTitle('Site plan', 'fi', 'x')).toBe('Site plan');
    expect(localTitle(undefined, 'fi', 'fallback')).toBe('fallback');
  });

  it('names enum values with the words it is given', () => {
    const [kind] = formFields({ type: 'object', properties: { kind: { type: 'string', enum: ['other'] } } }, {}, { language: 'fi', enumText: (v) => `<${v}>` });
    expect(kind).toMatchObject({ options: [{ value: 'other', text: '<other>' }] });
  });
});
