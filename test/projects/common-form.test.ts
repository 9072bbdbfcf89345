import { commonDataMapProblems } from '../../api/projects/common-data-map';
import { withCommonData } from '../../api/projects/common-form';

const data = { name: 'Sahan laajennus', description: 'Laajennus.', site: { address: 'Sahatie 1', municipality: 'Tampere', propertyId: '837-1-23-4' } };

const siteSchema = {
  type: 'object',
  properties: {
    projectName: { type: 'string' },
    site: { type: 'object', properties: { street: { type: 'string' }, municipality: { type: 'string' }, propertyId: { type: 'string' }, postalCode: { type: 'string' } } },
  },
};
const siteMap = { projectName: '/projectName', siteAddress: '/site/street', siteMunicipality: '/site/municipality', propertyId: '/site/propertyId' };

describe('[#6] a project\'s common data in an application form', () => {
  it('without a map: fills only the common fields the service\'s form has at its top level, and keeps the applicant\'s other fields', () => {
    const schema = { type: 'object', properties: { projectName: { type: 'string' }, siteMunicipality: { type: 'string' }, waterBody: { type: 'string' } } };
    expect(withCommonData({ waterBody: 'Näsijärvi', projectName: 'old' }, data, schema, null, 'change')).toEqual({
      waterBody: 'Näsijärvi', projectName: 'Sahan laajennus', siteMunicipality: 'Tampere',
    });
  });

  it('with a map: fills the form\'s own nested fields, creating the objects they sit in', () => {
    expect(withCommonData({}, data, siteSchema, siteMap, 'start')).toEqual({
      projectName: 'Sahan laajennus', site: { street: 'Sahatie 1', municipality: 'Tampere', propertyId: '837-1-23-4' },
    });
  });

  it('at start keeps what the form already has; on a change the drafts take the new values and keep their other fields', () => {
    const typed = { site: { street: 'Oma katu 2', postalCode: '33100' } };
    expect(withCommonData(typed, data, siteSchema, siteMap, 'start')).toEqual({
      projectName: 'Sahan laajennus', site: { street: 'Oma katu 2', postalCode: '33100', municipality: 'Tampere', propertyId: '837-1-23-4' },
    });
    expect(withCommonData(typed, data, siteSchema, siteMap, 'change').site).toEqual({ street: 'Sahatie 1', postalCode: '33100', municipality: 'Tampere', propertyId: '837-1-23-4' });
  });

  it('removes a common field the project no longer has a value for', () => {
    const schema = { properties: { propertyId: { type: 'string' }, siteAddress: { type: 'string' } } };
    const { propertyId: _, ...site } = data.site;
    expect(withCommonData({ propertyId: '837-1-23-4', siteAddress: 'x' }, { ...data, site }, schema, undefined, 'change')).toEqual({ siteAddress: 'Sahatie 1' });
    expect(withCommonData({ site: { street: 'x', propertyId: '837-1-23-4' } }, { ...data, site }, siteSchema, { propertyId: '/site/propertyId' }, 'change'))
      .toEqual({ site: { street: 'x' } });
  });

  it('leaves a form without any of the fields as it was', () => {
    expect(withCommonData({ a: 1 }, data, { properties: { a: { type: 'number' } } }, null, 'change')).toEqual({ a: 1 });
    expect(withCommonData({}, data, {}, null, 'start')).toEqual({});
  });

  it('finds each pointer of a map that is not a string field of the schema', () => {
    expect(commonDataMapProblems(siteMap, siteSchema)).toEqual([]);
    expect(commonDataMapProblems({ siteAddress: '/site/road', projectName: '/site' }, siteSchema)).toEqual([
      { path: 'commonDataFields.siteAddress', message: expect.stringContaining('/site/road') },
      { path: 'commonDataFields.projectName', message: expect.stringContaining('/site') },
    ]);
  });
});
