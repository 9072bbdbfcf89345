import { withCommonData } from '../../api/projects/common-form';

const data = { name: 'Sahan laajennus', description: 'Laajennus.', site: { address: 'Sahatie 1', municipality: 'Tampere', propertyId: '837-1-23-4' } };

describe('[#6] a project\'s common data in an application form', () => {
  it('fills only the common fields the service\'s form has, and keeps the applicant\'s other fields', () => {
    const schema = { type: 'object', properties: { projectName: { type: 'string' }, siteMunicipality: { type: 'string' }, waterBody: { type: 'string' } } };
    expect(withCommonData({ waterBody: 'Näsijärvi', projectName: 'old' }, data, schema)).toEqual({
      waterBody: 'Näsijärvi', projectName: 'Sahan laajennus', siteMunicipality: 'Tampere',
    });
  });

  it('removes a common field the project no longer has a value for', () => {
    const schema = { properties: { propertyId: { type: 'string' }, siteAddress: { type: 'string' } } };
    const { propertyId: _, ...site } = data.site;
    expect(withCommonData({ propertyId: '837-1-23-4', siteAddress: 'x' }, { ...data, site }, schema)).toEqual({ siteAddress: 'Sahatie 1' });
  });

  it('leaves a form without any of the fields as it was', () => {
    expect(withCommonData({ a: 1 }, data, { properties: { a: { type: 'number' } } })).toEqual({ a: 1 });
    expect(withCommonData({}, data, {})).toEqual({});
  });
});
