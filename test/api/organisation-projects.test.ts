/**
 * Projects of an organisation (issue 6): a representative creates the project acting for a company; it
 * belongs to the company, so another representative sees it, as they see the company's cases, while
 * each draft stays its own applicant's to change. Real HTTP against the sandbox e-Authorizations.
 */
import { chooseInSandbox } from '../../sandbox/valtuudet/driver';
import { startTestStack, type TestStack } from '../support/stack';
import { call, expectError, type Caller } from './http';

const ROVA = '7019376-8';          // Tessa: TJ; Joni: NIMKO; Anna-Liisa: J (a board member only)
const COMMON = { name: 'Rovan tuotantolaitos', description: 'Uusi tuotantolaitos.', site: { address: 'Tehdastie 2', municipality: 'Rovaniemi' } };

describe('[#6] projects of an organisation', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;
  let annaLiisa: Caller;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni, annaLiisa] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('suomifi', '010469-999W'),
      stack.login('suomifi', '010675-9981'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  async function choose(caller: Caller, principal: string) {
    const begun = await api(caller, 'POST', '/api/v1/acting-for', { kind: 'organisation', returnTo: '/projects' });
    await chooseInSandbox({ redirectUrl: begun.body.redirectUrl, principal, cookie: caller.cookie! });
  }

  it('belongs to the organisation: its representatives see it, each draft stays with the one who started it', async () => {
    const principal = { kind: 'organisation', businessId: ROVA };
    expectError(await api(tessa, 'POST', '/api/v1/projects', { ...COMMON, principal }), 422, 'MANDATE_SELECTION_REQUIRED');
    await choose(tessa, ROVA);
    const created = await api(tessa, 'POST', '/api/v1/projects', { ...COMMON, principal });
    expect(created.status).toBe(201);
    expect(created.body.onBehalfOf).toMatchObject({ kind: 'organisation', businessId: ROVA });
    const project = `/api/v1/projects/${created.body.id}`;
    const started = await api(tessa, 'POST', `${project}/applications`, { serviceId: 'ymparistolupa' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ principal: { kind: 'organisation', businessId: ROVA }, projectId: created.body.id, draft: { form: { projectName: COMMON.name } } });

    // Before Joni acts for Rova, the project is not his; then he sees it and its application.
    expectError(await api(joni, 'GET', project), 404, 'NOT_FOUND');
    await choose(joni, ROVA);
    const seen = await api(joni, 'GET', project);
    expect(seen.status).toBe(200);
    expect(seen.body.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual([started.body.applicationId]);

    // Joni changes the common data: Tessa's draft is hers to change, so it keeps its data and the answer says so.
    const changed = await api(joni, 'PUT', project, { ...COMMON, name: 'Rovan tuotantolaitos II' });
    expect(changed.status).toBe(200);
    expect(changed.body.propagation).toEqual({ updated: [], notUpdated: [{ applicationId: started.body.applicationId, code: 'FORBIDDEN', message: expect.any(String) }] });
    // Tessa changes it: her draft takes it.
    const mine = await api(tessa, 'PUT', project, { ...COMMON, name: 'Rovan tuotantolaitos III' });
    expect(mine.body.propagation).toEqual({ updated: [started.body.applicationId], notUpdated: [] });
    expect((await api(tessa, 'GET', `/api/v1/applications/${started.body.applicationId}`)).body.draft.form.projectName).toBe('Rovan tuotantolaitos III');

    // A board member sees the company's project but not the application, whose service needs another role.
    await choose(annaLiisa, ROVA);
    const board = await api(annaLiisa, 'GET', project);
    expect(board.status).toBe(200);
    expect(board.body.applications).toEqual([]);
  });
});
