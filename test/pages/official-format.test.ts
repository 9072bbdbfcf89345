import { endOfFinnishDay } from '../../api/pages/official/form-input';
import { formRows } from '../../api/pages/official/form-rows';

// Issue 6 item 5: what the official pages make of a form and of a deadline date.
describe('official pages: form contents and deadline dates', () => {
  const t = ((key: string) => ({ 'common:form.yes': 'Kyllä', 'common:form.no': 'Ei' })[key] ?? key) as never;

  it('labels each answer with the schema\'s title in the page\'s language, numbering the rows of a list', () => {
    const schema = {
      properties: {
        companyName: { type: 'string', title: 'Yritys / Företag / Company' },
        chemicals: { type: 'array', title: 'Vaaralliset kemikaalit / Farliga kemikalier / Hazardous chemicals', items: {
          type: 'object', properties: { name: { type: 'string', title: 'Kemikaali / Kemikalie / Chemical' }, maxQuantityTonnes: { type: 'number', title: 'Enimmäismäärä (t) / Största mängd (t) / Maximum quantity (t)' } },
        } },
        safetyReportAttached: { type: 'boolean', title: 'Turvallisuusselvitys liitetty / Säkerhetsrapport bifogad / Safety report attached' },
      },
    };
    const form = { chemicals: [{ name: 'Nestekaasu', maxQuantityTonnes: 40 }, { name: 'Ammoniakki', maxQuantityTonnes: 5 }], companyName: 'Rova Oy', safetyReportAttached: true, extra: 'x' };
    expect(formRows(schema, form, { language: 'sv', t })).toEqual([
      { label: 'Företag', value: 'Rova Oy' },
      { label: 'Farliga kemikalier 1 › Kemikalie', value: 'Nestekaasu' },
      { label: 'Farliga kemikalier 1 › Största mängd (t)', value: '40' },
      { label: 'Farliga kemikalier 2 › Kemikalie', value: 'Ammoniakki' },
      { label: 'Farliga kemikalier 2 › Största mängd (t)', value: '5' },
      { label: 'Säkerhetsrapport bifogad', value: 'Kyllä' },
      { label: 'extra', value: 'x' },
    ]);
  });

  it('runs a deadline date to the end of that day in Finnish time, summer and winter, and refuses what is not a date', () => {
    expect(endOfFinnishDay('2030-12-31')).toBe('2030-12-31T23:59:59+02:00');
    expect(endOfFinnishDay('2030-06-30')).toBe('2030-06-30T23:59:59+03:00');
    for (const bad of ['31.12.2030', '2030-02-30', '2030-13-01', '']) {
      expect(() => endOfFinnishDay(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'deadline', message: expect.any(String) }] } }));
    }
  });
});
