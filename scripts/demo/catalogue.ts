/**
 * The demo's catalogue part (issue 5): the Tukes service administrator starts the authority's
 * onboarding, sees the service not yet linked to this platform's e-service channel in PTV, has the
 * platform connect it through PTV's write API, and an applicant answers a permit-need survey.
 */
import type { ApiClient } from '../../bench/api-client';
import type { OnboardingChecklist } from '../../workflows/onboarding/messages';

export interface CatalogueDemo {
  /** Logged in as a service administrator of tukes (harri.hallinnoija@tukes.fi). */
  admin: ApiClient;
  /** Logged in as a service administrator of lvv (hanna.hallinnoija@lvv.fi). */
  lvvAdmin: ApiClient;
  /** Anyone: the survey is public. */
  anonymous: ApiClient;
  say(line: string): void;
  detail(line: string): void;
}

const t = (fi: string, sv: string, en: string) => ({ fi, sv, en });

export async function runCatalogueDemo(d: CatalogueDemo): Promise<void> {
  const show = (list: OnboardingChecklist) => {
    d.say(`Onboarding of ${list.authorityId}: ${list.complete ? 'complete' : 'not complete'} (checked ${list.checkedAt})`);
    for (const c of list.checks) d.detail(`${c.passed ? 'ok  ' : 'FAIL'} ${c.check.padEnd(15)} ${c.subject ?? '(authority)'}: ${c.finding}${c.whatToDo ? ` → ${c.whatToDo}` : ''}`);
  };
  show(await d.admin.post<OnboardingChecklist>('/api/v1/admin/onboarding', {}));
  show(await d.admin.post<OnboardingChecklist>('/api/v1/admin/onboarding/connect-channel', {}));

  const surveyId = 'tarvitsenko-ymparistoluvan';
  await d.lvvAdmin.put(`/api/v1/admin/surveys/${surveyId}`, {
    title: t('Tarvitsenko ympäristöluvan?', 'Behöver jag miljötillstånd?', 'Do I need an environmental permit?'),
    questions: [{ id: 'toiminta', text: t('Mitä toimintaa suunnittelet?', 'Vilken verksamhet planerar du?', 'What activity do you plan?'), options: [
      { id: 'teollisuus', text: t('Teollisuuslaitos', 'Industrianläggning', 'Industrial plant') },
      { id: 'muu', text: t('Muu', 'Annat', 'Other') },
    ] }],
    rules: [{ when: [{ questionId: 'toiminta', optionIds: ['teollisuus'] }], serviceId: 'ymparistolupa', level: 'required',
      reason: t('Teollisuuslaitos tarvitsee ympäristöluvan.', 'En industrianläggning behöver miljötillstånd.', 'An industrial plant needs an environmental permit.') }],
  });
  const result = await d.anonymous.post<{ services: { serviceId: string; name: string; level: string; reasons: string[] }[] }>(
    `/api/v1/surveys/${surveyId}/answers`, { language: 'sv', answers: { toiminta: 'teollisuus' } });
  d.say(`Permit-need survey ${surveyId}, answered in Swedish:`);
  for (const s of result.services) d.detail(`${s.level}: ${s.name} (${s.serviceId}): ${s.reasons.join(' ')}`);
}
