// Type declarations for the two SAML libraries that ship none (used by api/saml and sandbox/saml-idp).

declare module 'xml-encryption' {
  export interface EncryptOptions {
    rsa_pub: string | Buffer;
    pem: string | Buffer;
    encryptionAlgorithm: string;
    keyEncryptionAlgorithm: string;
    keyEncryptionDigest?: string;
    disallowEncryptionWithInsecureAlgorithm?: boolean;
    warnInsecureAlgorithm?: boolean;
  }
  export interface DecryptOptions {
    key: string | Buffer;
    disallowDecryptionWithInsecureAlgorithm?: boolean;
    warnInsecureAlgorithm?: boolean;
  }
  export function encrypt(content: string, options: EncryptOptions, cb: (err: Error | null, result: string) => void): void;
  export function decrypt(xml: string, options: DecryptOptions, cb: (err: Error | null, result: string) => void): void;
}

declare module 'saml2-js' {
  export interface ServiceProviderOptions {
    entity_id: string;
    private_key: string;
    certificate: string;
    assert_endpoint: string;
    alt_private_keys?: string[];
    alt_certs?: string[];
    audience?: string | RegExp;
    notbefore_skew?: number;
    nameid_format?: string;
    sign_get_request?: boolean;
    allow_unencrypted_assertion?: boolean;
  }
  export interface IdentityProviderOptions {
    sso_login_url: string;
    sso_logout_url: string;
    certificates: string | string[];
    sign_get_request?: boolean;
    allow_unencrypted_assertion?: boolean;
  }
  export interface AssertResult {
    response_header: { version: string; destination?: string; in_response_to?: string; id: string };
    type: 'authn_response' | 'logout_response' | 'logout_request';
    user?: { name_id?: string; session_index?: string; session_not_on_or_after?: string; attributes: Record<string, string[]> };
  }
  export class ServiceProvider {
    constructor(options: ServiceProviderOptions);
    post_assert(idp: IdentityProvider, options: { request_body: Record<string, string> }, cb: (err: Error | null, result: AssertResult) => void): void;
  }
  export class IdentityProvider {
    constructor(options: IdentityProviderOptions);
  }
}
