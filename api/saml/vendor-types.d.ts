// Type declarations for xml-encryption, which ships none (used by api/saml and sandbox/saml-idp).

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
