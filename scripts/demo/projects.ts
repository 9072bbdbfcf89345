/**
 * The demo's projects part (issue 6): an applicant bundles an environmental permit (LVV) and a chemicals
 * permit (Tukes) in one project with the common data entered once, lets Tukes see the chemicals draft
 * before submitting (consent), changes the common data, and withdraws the consent again.
 */
import { createApiClient, type ApiClient } from '../../bench/api-client';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';

export interface ProjectsDemo {
  apiUrl: string;
  /** Logged in as an official of tukes (tuomas.tarkastaja@tukes.fi). */
  tukesOfficial: ApiClient;
  say(line: string): void;
  detail(line: string): void;
}

interface Project { id: string; name: string; applications: { applicationId: string; status: string; serviceNames: { en: string } | null; authorityNames: { en: string } | null }[] }
interface View { applicationId: string; serviceId: string; status: string; draft: { version: number; form: Record<string, unknown> }; consent: { given: boolean } }

/** The filled fields of a form, nested ones as `site.street`. */
const fieldsOf = (form: Record<string, unknown>, prefix = ''): string[] => Object.entries(form).flatMap(([name, value]) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? fieldsOf(value as Record<string, unknown>, `${prefix}${name}.`) : [`${prefix}${name}`]);

export async function runProjectsDemo(d: ProjectsDemo): Promise<void> {
  // The chemicals permit needs a strong identification (LoA high): the sandbox's "bank" method.
  const applicant = createApiClient(d.apiUrl, { session: await loginThroughSandbox({ apiBaseUrl: d.apiUrl, idp: 'suomifi', user: '010280-952L', method: 'bank' }) });
  const project = await applicant.post<Project>('/api/v1/projects', {
    name: 'Sahan laajennus', description: 'Sahalaitoksen laajennus ja kemikaalivaraston rakentaminen.',
    site: { address: 'Sahatie 1, 33100 Tampere', municipality: 'Tampere', propertyId: '837-1-23-4' },
  });
  d.say(`Project "${project.name}" created (${project.id}); its common data is entered once`);
  const started: View[] = [];
  for (const serviceId of ['ymparistolupa', 'kemikaalilupa']) {
    const view = await applicant.post<View>(`/api/v1/projects/${project.id}/applications`, { serviceId });
    started.push(view);
    d.detail(`${view.applicationId} (${serviceId}) started in it; its first draft already has its own fields ${fieldsOf(view.draft.form).join(', ')}`);
  }
  const shown = await applicant.get<Project>(`/api/v1/projects/${project.id}`);
  d.say('The project shows its applications together:');
  for (const a of shown.applications) d.detail(`${a.applicationId}  ${a.status.padEnd(8)} ${a.serviceNames?.en} — ${a.authorityNames?.en}`);

  const chemicals = started[1];
  await applicant.put(`/api/v1/applications/${chemicals.applicationId}/consent`, { given: true });
  const queue = await d.tukesOfficial.get<{ applicationId: string; status: string }[]>('/api/v1/official/cases');
  d.say(`Consent given on ${chemicals.applicationId}: the Tukes official's queue now lists it as ${queue.find((c) => c.applicationId === chemicals.applicationId)?.status ?? '(missing)'}, read only`);

  const changed = await applicant.put<{ propagation: { updated: string[]; notUpdated: { applicationId: string; message: string }[] } }>(
    `/api/v1/projects/${project.id}`, { name: 'Sahan laajennus 2027', description: 'Laajennus vaiheittain.', site: { address: 'Sahatie 3, 33100 Tampere', municipality: 'Tampere' } });
  d.say(`Common data changed: drafts updated ${changed.propagation.updated.join(', ') || '–'}; not updated ${changed.propagation.notUpdated.map((n) => n.applicationId).join(', ') || '–'}`);

  await applicant.put(`/api/v1/applications/${chemicals.applicationId}/consent`, { given: false });
  const after = await d.tukesOfficial.get<{ applicationId: string }[]>('/api/v1/official/cases');
  d.say(`Consent withdrawn: the draft is ${after.some((c) => c.applicationId === chemicals.applicationId) ? 'still' : 'no longer'} in the Tukes queue (both acts are in the case's event log)`);
}
