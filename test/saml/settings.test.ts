import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseIdpMetadata } from '../../api/saml/idp-metadata';
import { loadSamlSettings } from '../../api/saml/settings';
import { generateSelfSignedCertificate } from '../../infra/x509';
import { testDataDir } from '../support/env';

const core = { LUPAFLOW_ENV: 'test' as const, PUBLIC_BASE_URL: 'https://lupa.example.fi' };

// Issue 2, section 2: configuration is validated at start, one clear line per bad value.
describe('SAML settings', () => {
  it('name every missing variable on its own line', () => {
    expect(() => loadSamlSettings(core, {})).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.stringMatching(/^SAML_SP_KEY_FILE is missing/),
          expect.stringMatching(/^SAML_SP_CERT_FILE is missing/),
          expect.stringMatching(/^SUOMIFI_IDP_METADATA is missing/),
          expect.stringMatching(/^VIRTU_IDP_METADATA is missing/),
        ]),
      }),
    );
  });

  it('refuse key files that cannot be read or hold no PEM, without printing their content', () => {
    const dir = testDataDir('settings-');
    const notPem = path.join(dir, 'secret.txt');
    writeFileSync(notPem, 'TOP-SECRET');
    const env = { SAML_SP_KEY_FILE: notPem, SAML_SP_CERT_FILE: path.join(dir, 'missing.pem'), SUOMIFI_IDP_METADATA: 'x', VIRTU_IDP_METADATA: 'y' };
    let problems: string[] = [];
    try {
      loadSamlSettings(core, env);
    } catch (err) {
      problems = (err as { problems: string[] }).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^SAML_SP_KEY_FILE is invalid: .* holds no PEM private key/), expect.stringMatching(/^SAML_SP_CERT_FILE is invalid: cannot read/)]);
    expect(problems.join()).not.toContain('TOP-SECRET');
  });

  it('default the SP entityID and endpoints to the public origin', () => {
    const dir = testDataDir('settings-');
    const sp = generateSelfSignedCertificate('sp');
    writeFileSync(path.join(dir, 'k.pem'), sp.keyPem);
    writeFileSync(path.join(dir, 'c.pem'), sp.certPem);
    const s = loadSamlSettings(core, { SAML_SP_KEY_FILE: path.join(dir, 'k.pem'), SAML_SP_CERT_FILE: path.join(dir, 'c.pem'), SUOMIFI_IDP_METADATA: 'a', VIRTU_IDP_METADATA: 'b' });
    expect(s.spEntityId).toBe('https://lupa.example.fi/auth/sp');
    expect(s.endpoints('virtu')).toEqual({ acs: 'https://lupa.example.fi/auth/virtu/acs', slo: 'https://lupa.example.fi/auth/virtu/slo', metadata: 'https://lupa.example.fi/auth/virtu/metadata' });
  });
});

describe('IdP metadata', () => {
  const cert = (c: string) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  const idp = (entityId: string, certs: string[]) =>
    `<md:EntityDescriptor entityID="${entityId}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${certs.map(cert).join('')}` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}/slo"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
  const ns = 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"';

  it('keeps every signing certificate (current and next)', () => {
    const xml = idp('https://testi.apro.tunnistus.fi/idp1', ['QUFB', 'QkJC']).replace('<md:EntityDescriptor', `<md:EntityDescriptor ${ns}`);
    const d = parseIdpMetadata('suomifi', xml);
    expect(d).toMatchObject({ entityId: 'https://testi.apro.tunnistus.fi/idp1', ssoRedirectUrl: 'https://testi.apro.tunnistus.fi/idp1/sso', sloRedirectUrl: 'https://testi.apro.tunnistus.fi/idp1/slo' });
    expect(d.signingCerts).toHaveLength(2);
  });

  it('picks the configured IdP out of a federation aggregate, and asks for one when there are several', () => {
    const xml = `<md:EntitiesDescriptor ${ns}>${idp('https://idp.lvv.fi', ['QUFB'])}${idp('https://idp.tukes.fi', ['QkJC'])}</md:EntitiesDescriptor>`;
    expect(parseIdpMetadata('virtu', xml, 'https://idp.tukes.fi').entityId).toBe('https://idp.tukes.fi');
    expect(() => parseIdpMetadata('virtu', xml)).toThrow(/has 2 IdPs; set VIRTU_IDP_ENTITY_ID/);
  });
});
