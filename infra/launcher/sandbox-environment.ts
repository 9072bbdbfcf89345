import type { LauncherConfig } from './config';
import { sandboxEndpoints } from './sandbox-endpoints';

/**
 * Points the platform's environment at a sandbox started with `config`'s ports: sets the sandbox's own
 * port variables and, where unset (`||=`), every integration URL and the sandbox credentials' names.
 * Returns the sandbox's URLs (for printing) and the URLs that answer once it is ready.
 */
export function pointAtSandbox(env: NodeJS.ProcessEnv, config: LauncherConfig): { sandboxUrls: Record<string, string>; readyUrls: string[] } {
  const endpoints = sandboxEndpoints(env, { suomifi: config.SANDBOX_SUOMIFI_PORT, virtu: config.SANDBOX_VIRTU_PORT, ptv: config.SANDBOX_PTV_PORT, valtuudet: config.SANDBOX_VALTUUDET_PORT,
    xroadSs: config.SANDBOX_XROAD_SS_PORT, xroadAuthoritySs: config.SANDBOX_XROAD_AUTHORITY_SS_PORT, authoritySystem: config.SANDBOX_AUTHORITY_SYSTEM_PORT,
    mailSmtp: config.SANDBOX_MAIL_SMTP_PORT, mailHttp: config.SANDBOX_MAIL_HTTP_PORT });
  const sandboxUrls: Record<string, string> = {};
  env.SANDBOX_SUOMIFI_PORT = String(config.SANDBOX_SUOMIFI_PORT);
  env.SANDBOX_VIRTU_PORT = String(config.SANDBOX_VIRTU_PORT);
  env.SUOMIFI_IDP_METADATA ||= endpoints.metadataUrls.suomifi;
  env.VIRTU_IDP_METADATA ||= endpoints.metadataUrls.virtu;
  env.SANDBOX_PTV_PORT = String(config.SANDBOX_PTV_PORT);
  env.PTV_BASE_URL ||= endpoints.ptv.baseUrl;
  env.PTV_TOKEN_URL ||= endpoints.ptv.tokenUrl;
  env.PTV_USERNAME ||= 'lupaflow-dev@testi.fi';
  sandboxUrls.ptv = endpoints.ptv.baseUrl;
  env.SANDBOX_VALTUUDET_PORT = String(config.SANDBOX_VALTUUDET_PORT);
  env.VALTUUDET_BASE_URL ||= endpoints.valtuudet;
  sandboxUrls.valtuudet = endpoints.valtuudet;
  // X-Road: the platform sends through the sandbox security server, whose certificate its HTTPS provider listener trusts.
  env.SANDBOX_XROAD_SS_PORT = String(config.SANDBOX_XROAD_SS_PORT);
  env.SANDBOX_XROAD_AUTHORITY_SS_PORT = String(config.SANDBOX_XROAD_AUTHORITY_SS_PORT);
  env.SANDBOX_AUTHORITY_SYSTEM_PORT = String(config.SANDBOX_AUTHORITY_SYSTEM_PORT);
  env.XROAD_SECURITY_SERVER_URL ||= endpoints.xroad.securityServer;
  env.XROAD_SECURITY_SERVER_CERT_FILE ||= endpoints.xroad.securityServerCertFile;
  env.SANDBOX_XROAD_PROVIDER_URL ||= `https://127.0.0.1:${config.XROAD_PROVIDER_TLS_PORT}`;
  Object.assign(sandboxUrls, { xroadSecurityServer: endpoints.xroad.securityServer, xroadAuthoritySecurityServer: endpoints.xroad.authoritySecurityServer, authoritySystem: endpoints.xroad.authoritySystem });
  // Notifications go to the mail catcher; its HTTP API shows them.
  env.SANDBOX_MAIL_SMTP_PORT = String(config.SANDBOX_MAIL_SMTP_PORT);
  env.SANDBOX_MAIL_HTTP_PORT = String(config.SANDBOX_MAIL_HTTP_PORT);
  env.SMTP_URL ||= endpoints.mail.smtpUrl;
  Object.assign(sandboxUrls, { mailSmtp: endpoints.mail.smtpUrl, mailHttp: `${endpoints.mail.httpUrl}/messages` });
  Object.assign(sandboxUrls, { ...endpoints.urls, suomifiMetadata: endpoints.metadataUrls.suomifi, virtuMetadata: endpoints.metadataUrls.virtu });
  // The X-Road security server last: it has written the certificate the API's provider listener trusts.
  return { sandboxUrls, readyUrls: [...Object.values(endpoints.metadataUrls), `${endpoints.xroad.securityServer}/listClients`] };
}
