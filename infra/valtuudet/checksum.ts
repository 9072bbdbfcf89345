import { createHmac } from 'node:crypto';

/**
 * The Suomi.fi e-Authorizations request signature (specs/valtuudet.md §3), shared by the platform's
 * client (which signs) and the sandbox stand-in (which verifies): a pure protocol codec.
 */

/** Base64(HMAC-SHA256(apiKey, `<path with raw query> <timestamp>`)). */
export function valtuudetChecksum(apiKey: string, pathWithQuery: string, timestamp: string): string {
  return createHmac('sha256', Buffer.from(apiKey, 'utf8')).update(`${pathWithQuery} ${timestamp}`, 'utf8').digest('base64');
}

/** The `X-AsiointivaltuudetAuthorization` value: `<clientId> <timestamp> <checksum>`. */
export function valtuudetAuthorization(clientId: string, apiKey: string, pathWithQuery: string, timestamp: string): string {
  return `${clientId} ${timestamp} ${valtuudetChecksum(apiKey, pathWithQuery, timestamp)}`;
}

/** Token-endpoint Basic auth: plain base64(`clientId:password`), not the RFC 6749 url-encoded form (§10.1). */
export function valtuudetBasicAuth(clientId: string, oauthPassword: string): string {
  return `Basic ${Buffer.from(`${clientId}:${oauthPassword}`, 'utf8').toString('base64')}`;
}
