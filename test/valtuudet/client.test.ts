/**
 * The e-Authorizations client against a service that answers badly (a proxy's maintenance page with
 * 200): a typed, retryable failure, never a parse error that would surface as a 500.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createValtuudetClient, ValtuudetError } from '../../activities/valtuudet/client';
import { generateValtuudetCredentials } from '../../infra/valtuudet/dev-credentials';

describe('[#3] e-Authorizations client', () => {
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Huoltokatko</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes an answer that is not JSON as the service being unavailable', async () => {
    const c = generateValtuudetCredentials();
    const client = createValtuudetClient({
      baseUrl, clientId: c.VALTUUDET_CLIENT_ID, apiKey: c.VALTUUDET_API_KEY, oauthPassword: c.VALTUUDET_OAUTH_PASSWORD,
      restApiKey: c.VALTUUDET_REST_API_KEY, timeoutMs: 2000,
    });
    const failure = await client.organizationRoles('s', 't', '7019376-8').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ValtuudetError);
    expect(failure).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/not JSON/) });
  });
});
