import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../../sandbox';
import { testDataDir } from '../support/env';
import { startLogin, startLoginStack, type LoginStack } from '../support/login';

const ROOT = path.join(__dirname, '..', '..');

// Issue 2, section 4: the sandbox IdPs behave like the real ones and never run in production.
describe('sandbox identity providers', () => {
  it('refuse to start in production', async () => {
    await expect(startSandbox({ dataDir: testDataDir(), ports: { suomifi: 0, virtu: 0 }, production: true })).rejects.toThrow(/must not run in production/);
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['sandbox/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LUPAFLOW_ENV: 'production', SANDBOX_SUOMIFI_PORT: '0', SANDBOX_VIRTU_PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/production/);
  });

  it('keep their keys under DATA_DIR/sandbox and reuse them on the next start', async () => {
    const dataDir = testDataDir();
    const first = await startSandbox({ dataDir, ports: { suomifi: 0, virtu: 0 } });
    const metadata = await (await fetch(first.metadataUrls.suomifi)).text();
    await first.stop();
    const second = await startSandbox({ dataDir, ports: { suomifi: 0, virtu: 0 } });
    const again = await (await fetch(second.metadataUrls.suomifi)).text();
    await second.stop();
    const cert = (xml: string) => /<ds:X509Certificate>([^<]+)</.exec(xml)![1];
    expect(cert(again)).toBe(cert(metadata));
    expect(readFileSync(path.join(dataDir, 'sandbox', 'suomifi-idp.cert.pem'), 'utf8')).toContain(cert(metadata).slice(0, 40));
    expect(metadata).toContain('WantAuthnRequestsSigned="true"');
    expect(metadata).toContain('urn:oasis:names:tc:SAML:2.0:nameid-format:transient');
  });

  describe('with a platform', () => {
    let stack: LoginStack;
    beforeAll(async () => {
      stack = await startLoginStack();
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('show an accessible selection page in the language the AuthnRequest asks for', async () => {
      const res = await fetch((await startLogin(stack.apiUrl, 'suomifi', 'lang=sv')).ssoUrl);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('<html lang="sv">');
      expect(html).toContain('<legend>Välj testanvändare</legend>');
      expect(html).toContain('<label for="method">Identifieringsmetod</label>');
      expect(html).toContain('value="010280-952L"');
    });

    it('refuse an AuthnRequest whose signature does not verify against the SP metadata', async () => {
      const url = (await startLogin(stack.apiUrl, 'virtu')).ssoUrl;
      const forged = url.replace(/RelayState=[^&]+/, 'RelayState=changed');
      const res = await fetch(forged);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/signature is not valid for the sender's certificates/);
      const unsigned = url.replace(/&Signature=[^&]+/, '');
      expect((await fetch(unsigned)).status).toBe(400);
    });

    it('answer through the selection form with an auto-submitting POST form to the ACS', async () => {
      const page = await (await fetch((await startLogin(stack.apiUrl, 'suomifi')).ssoUrl)).text();
      const ticket = /name="ticket" value="([^"]+)"/.exec(page)![1];
      const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
      const res = await fetch(action, { method: 'POST', body: new URLSearchParams({ ticket, user: '010469-999W', method: 'bank' }) });
      const html = await res.text();
      expect(html).toContain(`action="${stack.apiUrl}/auth/suomifi/acs"`);
      expect(html).toMatch(/name="SAMLResponse" value="[A-Za-z0-9+/=]+"/);
      expect(html).toContain('document.forms[0].submit()');
      // A ticket is good for one answer only.
      expect((await fetch(action, { method: 'POST', body: new URLSearchParams({ ticket, user: '010469-999W' }) })).status).toBe(400);
    });
  });
});
