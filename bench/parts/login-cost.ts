/**
 * login-cost: what one login costs the service provider (api/saml/login-response.ts verifying a real
 * signed, encrypted Response minted by the sandbox IdP's code, then the LoA and identity mapping the
 * ACS applies), in process and one at a time, against the raw node:crypto cost of the same RSA and AES
 * operations (bench/raw-login-crypto.ts). The InResponseTo and replay checks use the platform's
 * PostgreSQL, as in production. Also the end-to-end HTTP login through the sandbox, for scale.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { applicantFromSuomifi } from '../../api/saml/identity';
import { loaFromClassRef } from '../../api/saml/loa';
import { createLoginResponseVerifier } from '../../api/saml/login-response';
import { createSamlRequestStore } from '../../api/saml/request-store';
import { parseEnv } from '../../infra/config/env';
import { createDb } from '../../infra/db';
import { createPiiCrypto } from '../../infra/pii';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { newId } from '../../sandbox/saml-idp/saml-xml';
import { fullLatencySummary } from '../latency-summary';
import { createLoginFixture } from '../login-fixture';
import type { BenchPart } from '../part';
import { measureRawLoginCrypto } from '../raw-login-crypto';
import { TEST_APPLICANTS } from '../sample-case';

const settingsShape = {
  /** In-process logins to time (each verified once). */
  BENCH_LOGINS: z.coerce.number().int().min(1).default(200),
  /** End-to-end logins over HTTP through the sandbox IdP (0 = skip). */
  BENCH_HTTP_LOGINS: z.coerce.number().int().min(0).default(20),
};

/** Sizes of what a real response signs and encrypts, so the raw operations work on the same amounts. */
export function responseSizes(samlResponse: string): { responseBytes: number; signedInfoBytes: number; assertionBytes: number } {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  const signedInfo = /<ds:SignedInfo[\s\S]*?<\/ds:SignedInfo>/.exec(xml)?.[0];
  const cipherValues = [...xml.matchAll(/<(?:\w+:)?CipherValue>([^<]*)<\/(?:\w+:)?CipherValue>/g)].map((m) => Buffer.from(m[1], 'base64').length);
  if (!signedInfo || cipherValues.length < 2) throw new Error('the minted response has no SignedInfo or no encrypted assertion');
  // The largest CipherValue is the assertion (the other is the wrapped AES key); GCM adds a 12-byte IV and a 16-byte tag.
  return { responseBytes: Buffer.byteLength(xml), signedInfoBytes: Buffer.byteLength(signedInfo), assertionBytes: Math.max(...cipherValues) - 28 };
}

export const part: BenchPart = {
  name: 'login-cost',
  needsPlatform: true,
  async run(ctx) {
    const settings = parseEnv(settingsShape, ctx.env);
    const platform = ctx.platform!;
    ctx.progress('making keys (IdP 3072-bit, SP 2048-bit)…');
    const fixture = await createLoginFixture();
    const db = createDb(platform.databaseUrl, { max: 2 });
    try {
      const requests = createSamlRequestStore(db);
      const verify = createLoginResponseVerifier(fixture.settings, requests);
      const pii = createPiiCrypto([{ id: 'bench', key: randomBytes(32) }], randomBytes(32));

      const warmUp = Math.min(10, settings.BENCH_LOGINS);
      const total = warmUp + settings.BENCH_LOGINS;
      ctx.progress(`minting ${total} responses with the sandbox IdP's code…`);
      const bodies: { SAMLResponse: string }[] = [];
      for (let i = 0; i < total; i++) {
        const id = newId();
        await requests.remember({ id, idp: 'suomifi', kind: 'authn', relayState: null, returnTo: null, language: 'fi', browserBindingHash: null });
        bodies.push(await fixture.mint(id, TEST_APPLICANTS[i % TEST_APPLICANTS.length]));
      }

      ctx.progress(`verifying ${settings.BENCH_LOGINS} logins one at a time…`);
      const login = async (body: { SAMLResponse: string }) => {
        const verified = await verify(fixture.idp, body);
        const loa = loaFromClassRef('suomifi', verified.classRef, false);
        const identity = applicantFromSuomifi(verified.attributes, pii);
        if ('refused' in loa || 'refused' in identity) throw new Error('the bench login was refused');
      };
      for (const body of bodies.slice(0, warmUp)) await login(body);
      const wallUs: number[] = [];
      const cpuStarted = process.cpuUsage();
      for (const body of bodies.slice(warmUp)) {
        const started = process.hrtime.bigint();
        await login(body);
        wallUs.push(Number(process.hrtime.bigint() - started) / 1000);
      }
      const cpu = process.cpuUsage(cpuStarted);
      const cpuUsPerLogin = (cpu.user + cpu.system) / settings.BENCH_LOGINS;
      const wall = fullLatencySummary(wallUs);
      const meanWallUs = wallUs.reduce((a, b) => a + b, 0) / wallUs.length;

      ctx.progress('timing the raw RSA/AES operations…');
      const raw = measureRawLoginCrypto(fixture, responseSizes(bodies[0].SAMLResponse), settings.BENCH_LOGINS);

      let http: ReturnType<typeof fullLatencySummary> | null = null;
      if (settings.BENCH_HTTP_LOGINS > 0) {
        ctx.progress(`${settings.BENCH_HTTP_LOGINS} logins over HTTP through the sandbox IdP…`);
        const ms: number[] = [];
        for (let i = 0; i < settings.BENCH_HTTP_LOGINS; i++) {
          const started = performance.now();
          await loginThroughSandbox({ apiBaseUrl: platform.apiUrls[i % platform.apiUrls.length], idp: 'suomifi', user: TEST_APPLICANTS[i % TEST_APPLICANTS.length] });
          ms.push(performance.now() - started);
        }
        http = fullLatencySummary(ms);
      }

      const ratio = Math.round((meanWallUs / raw.perLoginUs) * 10) / 10;
      const cpuRatio = Math.round((cpuUsPerLogin / raw.perLoginUs) * 10) / 10;
      return {
        figures: {
          logins: settings.BENCH_LOGINS,
          perLogin: { meanUs: Math.round(meanWallUs), p50Us: wall.p50, p99Us: wall.p99, cpuUs: Math.round(cpuUsPerLogin) },
          raw,
          ratio,
          cpuRatio,
          http: http && { p50Ms: http.p50, p99Ms: http.p99, count: http.count },
        },
        rows: [
          { figure: 'SP login (verify + decrypt + checks), in process', value: `${Math.round(meanWallUs)} µs mean (p50 ${Math.round(wall.p50)}, p99 ${Math.round(wall.p99)}), ${Math.round(cpuUsPerLogin)} µs CPU` },
          { figure: 'raw node:crypto ops of one login', value: `${raw.perLoginUs} µs` },
          { figure: 'login / raw ratio', value: `${ratio}× (CPU ${cpuRatio}×)` },
          ...(http ? [{ figure: 'HTTP login through the sandbox IdP', value: `p50 ${http.p50} / p99 ${http.p99} ms` }] : []),
        ],
        notes: [
          ['raw ops', `2 RSA-SHA256 verify (IdP 3072-bit) ${raw.rsaSha256VerifyUs} µs each, 2 SHA-256 digests ${raw.sha256DigestUs} µs each, RSA-OAEP unwrap (SP 2048-bit) ${raw.rsaOaepUnwrapUs} µs, AES-256-GCM decrypt ${raw.aesGcmDecryptUs} µs`],
          ['login', 'api/saml/login-response.ts on sandbox-minted responses + LoA + identity mapping; InResponseTo and replay looked up in PostgreSQL'],
          ...(http ? [['HTTP login', 'redirect, IdP form, IdP signing (3072-bit, twice) and encryption, ACS, session write, /me: the whole round trip'] as [string, string]] : []),
        ],
      };
    } finally {
      await db.destroy();
      await fixture.dispose();
    }
  },
};
