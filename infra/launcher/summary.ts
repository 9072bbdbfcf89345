import type { RunningPlatform } from './platform';

/** A connection URL with its password replaced, fit for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const SANDBOX_LABELS: Record<string, string> = {
  suomifiIdp: 'Sandbox Suomi.fi IdP',
  suomifiMetadata: '  metadata',
  virtuIdp: 'Sandbox Virtu IdP',
  virtuMetadata: '  metadata',
  valtuudet: 'Sandbox e-Authorizations',
  ptv: 'Sandbox PTV',
  xroadSecurityServer: 'Sandbox X-Road SS',
  xroadAuthoritySecurityServer: '  authorities\' SS',
  authoritySystem: 'Sandbox authority system',
  mailSmtp: 'Sandbox mail catcher SMTP',
  mailHttp: '  caught messages',
};

/** The human-readable list of addresses `npm start` prints once everything answers. */
export function formatSummary(platform: RunningPlatform, startedInMs: number): string {
  const row = (label: string, value: string) => `  ${label.padEnd(26)} ${value}`;
  const sandbox = Object.keys(SANDBOX_LABELS)
    .filter((key) => platform.sandboxUrls[key])
    .map((key) => row(SANDBOX_LABELS[key], platform.sandboxUrls[key]));
  return [
    '',
    'lupaflow is running:',
    row('API', platform.apiUrl),
    row('  pages', `${platform.apiUrl}/ (applicants)   ${platform.apiUrl}/official (officials)`),
    row('  health / OpenAPI', `${platform.apiUrl}/health   ${platform.apiUrl}/openapi.json`),
    row('  X-Road provider listener', platform.xroadProviderUrls.join('   ')),
    ...(platform.workerMetricsUrl ? [row('Worker metrics', platform.workerMetricsUrl)] : []),
    row('Temporal frontend', platform.temporalAddress),
    ...(platform.temporalUiUrl ? [row('Temporal Web UI', platform.temporalUiUrl)] : []),
    row('PostgreSQL', redactUrl(platform.databaseUrl)),
    ...sandbox,
    `lupaflow is ready (${(startedInMs / 1000).toFixed(1)} s). Press Ctrl-C to stop.`,
    '',
  ].join('\n');
}
