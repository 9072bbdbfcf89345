import { readCatalogs } from '../../api/pages/framework/i18n';
import { ErrorCode } from '../../workflows/error-codes';

/** Every dotted key of a catalog. */
function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('page catalogs (issue 6)', () => {
  const catalogs = readCatalogs();

  it('have the same namespaces and the same keys in Finnish, Swedish and English', () => {
    const namespaces = Object.keys(catalogs.fi).sort();
    expect(Object.keys(catalogs.sv).sort()).toEqual(namespaces);
    expect(Object.keys(catalogs.en).sort()).toEqual(namespaces);
    for (const ns of namespaces) {
      const fi = keys(catalogs.fi[ns]).sort();
      expect({ ns, lang: 'sv', keys: keys(catalogs.sv[ns]).sort() }).toEqual({ ns, lang: 'sv', keys: fi });
      expect({ ns, lang: 'en', keys: keys(catalogs.en[ns]).sort() }).toEqual({ ns, lang: 'en', keys: fi });
    }
  });

  it('have no empty text in any language', () => {
    for (const [lang, namespaces] of Object.entries(catalogs)) {
      for (const [ns, catalog] of Object.entries(namespaces)) {
        const empty = keys(catalog).filter((k) => String(k.split('.').reduce<any>((n, part) => n?.[part], catalog)).trim() === '');
        expect({ lang, ns, empty }).toEqual({ lang, ns, empty: [] });
      }
    }
  });

  it('give every error code a message a person can read, in each language', () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const codes = (catalogs[lang].common as { errors: { codes: Record<string, string> } }).errors.codes;
      expect({ lang, missing: Object.values(ErrorCode).filter((code) => !codes[code]) }).toEqual({ lang, missing: [] });
    }
  });
});
