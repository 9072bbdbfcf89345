import { randomUUID } from 'node:crypto';
import { call, type Caller } from '../api/http';
import { completeDraft, submittedCase } from '../support/cases';
import { PERMIT_NEED_SURVEY } from '../support/survey';
import type { PageFixtures } from './pages';

/** Saves the permit-need survey as a service administrator of lvv (through the admin API); returns its id. */
export async function makeSurvey(baseUrl: string, administrator: Caller): Promise<string> {
  const id = `hankkeen-luvat-${randomUUID().slice(0, 8)}`;
  const saved = await call(baseUrl, administrator, 'PUT', `/api/v1/admin/surveys/${id}`, { body: PERMIT_NEED_SURVEY });
  if (saved.status >= 300) throw new Error(`saving the survey answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  return id;
}

/**
 * The data the pages are shown with, made through the JSON API: a draft (shown to its authority with the
 * applicant's consent), a case waiting for the
 * applicant's supplement, a decided case (acted on by `official`, an lvv decider), a project and a survey.
 */
export async function makePageFixtures(baseUrl: string, applicant: Caller, official: Caller, administrator: Caller): Promise<PageFixtures> {
  const act = async (id: string, path: string, body: unknown) => {
    const answer = await call(baseUrl, official, 'POST', `/api/v1/official/cases/${id}/${path}`, { body });
    if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
  const [draft, supplementId, decidedId] = await Promise.all([completeDraft(baseUrl, applicant), submittedCase(baseUrl, applicant), submittedCase(baseUrl, applicant)]);
  await act(supplementId, 'acknowledge', { caseNumber: 'LVV/100/2026' });
  await act(supplementId, 'supplement-requests', { message: 'Toimittakaa asemapiirros tarkemmassa mittakaavassa.' });
  await act(decidedId, 'acknowledge', { caseNumber: 'LVV/101/2026' });
  await act(decidedId, 'decision', { outcome: 'APPROVED', text: 'Ympäristölupa myönnetään hakemuksen mukaisesti.' });
  const consent = await call(baseUrl, applicant, 'PUT', `/api/v1/applications/${draft.id}/consent`, { body: { given: true } });
  if (consent.status !== 200) throw new Error(`giving consent answered ${consent.status}: ${JSON.stringify(consent.body)}`);
  const project = await call(baseUrl, applicant, 'POST', '/api/v1/projects', {
    body: { name: 'Sahan laajennus', description: 'Sahalaitoksen laajennus ja kemikaalivarasto.', site: { address: 'Sahatie 1, 33100 Tampere', municipality: 'Tampere' } },
  });
  if (project.status !== 201) throw new Error(`creating the project answered ${project.status}: ${JSON.stringify(project.body)}`);
  return { draftId: draft.id, supplementId, decidedId, projectId: project.body.id, surveyId: await makeSurvey(baseUrl, administrator) };
}
