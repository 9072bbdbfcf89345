import { loadPtvConfig } from '../../activities/ptv/config';
import type { Client } from '@temporalio/client';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Knex } from 'knex';
import { createApp } from '../../api/app';
import { createAuthModule } from '../../api/session/auth-module';
import { createDb } from '../../infra/db';
import { logger } from '../../infra/logger';
import { createPiiCrypto, type PiiCrypto } from '../../infra/pii';
import { connectClient } from '../../infra/temporal/connection';
import { generateSelfSignedCertificate } from '../../infra/x509';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import type { SandboxIdp } from '../../sandbox/saml-idp/idp';
import { testCoreConfig, testDataDir } from './env';

/**
 * The SAML part of a test stack: a throw-away SP key and certificate and the two sandbox IdPs
 * (free ports) trusting the platform at `publicBaseUrl`. Returns the SAML_* / *_IDP_METADATA
 * variables for createAuthModule.
 */
export async function startSamlSandbox(publicBaseUrl: string, dataDir = testDataDir('saml-')): Promise<{ env: NodeJS.ProcessEnv; sandbox: RunningSandbox }> {
  const sp = generateSelfSignedCertificate('lupaflow test SP');
  const keyFile = path.join(dataDir, 'sp-key.pem');
  const certFile = path.join(dataDir, 'sp-cert.pem');
  writeFileSync(keyFile, sp.keyPem, { mode: 0o600 });
  writeFileSync(certFile, sp.certPem);
  const sandbox = await startSandbox({ dataDir, ports: { suomifi: 0, virtu: 0 }, platformBaseUrl: publicBaseUrl });
  return {
    sandbox,
    env: {
      SAML_SP_KEY_FILE: keyFile,
      SAML_SP_CERT_FILE: certFile,
      SUOMIFI_IDP_METADATA: sandbox.metadataUrls.suomifi,
      VIRTU_IDP_METADATA: sandbox.metadataUrls.virtu,
    },
  };
}

export interface LoginStack {
  apiUrl: string;
  sandbox: RunningSandbox;
  db: Knex;
  pii: PiiCrypto;
  stop(): Promise<void>;
}

/**
 * The real API app (api/app.ts) with the real auth module, on a free port, against the shared test
 * PostgreSQL and Temporal, plus the sandbox IdPs. Enough for login tests; no worker runs.
 */
export async function startLoginStack(overrides: NodeJS.ProcessEnv = {}): Promise<LoginStack> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = testCoreConfig({ PUBLIC_BASE_URL: apiUrl, ...overrides });
  const { env, sandbox } = await startSamlSandbox(apiUrl);
  const db = createDb(config.DATABASE_URL, { max: 4 });
  const pii = createPiiCrypto(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY);
  let temporal: Client | undefined;
  try {
    temporal = await connectClient(config);
    const auth = createAuthModule({ config, db, pii, env: { ...process.env, ...env, ...overrides } });
    server.on('request', createApp({ config, db, temporal, auth, logger, ptv: loadPtvConfig() }));
  } catch (err) {
    await sandbox.stop();
    await db.destroy();
    server.close();
    throw err;
  }
  return {
    apiUrl,
    sandbox,
    db,
    pii,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.stop();
      await temporal?.connection.close();
      await db.destroy();
    },
  };
}

/** Posts an HTTP-POST binding form to the ACS as the browser would, with its cookie if given; no redirects followed. */
export function postToAcs(acsUrl: string, fields: { SAMLResponse: string; RelayState?: string; cookie?: string }) {
  const body = new URLSearchParams({ SAMLResponse: fields.SAMLResponse, ...(fields.RelayState !== undefined ? { RelayState: fields.RelayState } : {}) });
  return fetch(acsUrl, { method: 'POST', body, redirect: 'manual', headers: fields.cookie ? { cookie: fields.cookie } : {} });
}

/**
 * Starts a login at the platform as a browser would: the signed AuthnRequest redirect URL it answered
 * with, and the login cookie (`lupaflow_login=…`) that browser must send back with the response.
 */
export async function startLogin(apiUrl: string, idp: 'suomifi' | 'virtu', query = 'lang=fi&returnTo=%2F'): Promise<{ ssoUrl: string; cookie: string }> {
  const res = await fetch(`${apiUrl}/auth/${idp}/login?${query}`, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lupaflow_login='));
  if (!cookie) throw new Error('the login redirect set no lupaflow_login cookie');
  return { ssoUrl: res.headers.get('location')!, cookie: cookie.split(';')[0] };
}

/**
 * A whole login through a sandbox IdP's API (not its form), so tests can ask it for faults: starts
 * the login, lets the IdP answer, and returns the POST-binding fields with the browser's login cookie.
 */
export async function loginResponse(
  stack: Pick<LoginStack, 'apiUrl' | 'sandbox'>,
  idp: 'suomifi' | 'virtu',
  user: string,
  o: Parameters<SandboxIdp['respond']>[2] = {},
  query?: string,
): Promise<{ acsUrl: string; SAMLResponse: string; RelayState?: string; cookie: string }> {
  const { ssoUrl, cookie } = await startLogin(stack.apiUrl, idp, query);
  const sandboxIdp = stack.sandbox.idps[idp];
  return { ...(await sandboxIdp.respond(await sandboxIdp.receiveAuthnRequest(ssoUrl), user, o)), cookie };
}
