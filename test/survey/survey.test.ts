import { randomUUID } from 'node:crypto';
import { call, expectError, type Caller } from '../api/http';
import { startTestStack, type TestStack } from '../support/stack';
import { PERMIT_NEED_SURVEY as definition } from '../support/survey';

describe('[#5] The permit-need survey', () => {
  let stack: TestStack;
  let hanna: Caller;   // service administrator at lvv
  let harri: Caller;   // service administrator at tukes
  let tessa: Caller;   // applicant (language fi)
  const surveyId = `tarvitsenko-luvan-${randomUUID().slice(0, 8)}`;
  const path = `/api/v1/surveys/${surveyId}`;

  beforeAll(async () => {
    stack = await startTestStack();
    [hanna, harri, tessa] = await Promise.all([
      stack.login('virtu', 'hanna.hallinnoija@lvv.fi'), stack.login('virtu', 'harri.hallinnoija@tukes.fi'), stack.login('suomifi', '010280-952L'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, p: string, body?: unknown) => call(stack.baseUrl, caller, method, p, { body });

  it('refuses a definition whose rules name questions, options or services that do not exist, naming each, and saves nothing', async () => {
    const broken = structuredClone(definition);
    broken.rules[0].when[0].optionIds.push('kaivos');
    broken.rules[1].when[0].questionId = 'sijainti';
    broken.rules[2].serviceId = 'olematon-lupa';
    broken.questions[1].id = 'toiminta';
    const answer = await api(hanna, 'PUT', `/api/v1/admin/surveys/${surveyId}`, broken);
    const error = expectError(answer, 400, 'VALIDATION_FAILED');
    expect(error.details.fields).toEqual(expect.arrayContaining([
      { path: 'questions.1.id', message: 'Another question has this id.' },
      { path: 'rules.0.when.0.optionIds.2', message: "Question 'toiminta' has no option 'kaivos'." },
      { path: 'rules.2.serviceId', message: "There is no permit service 'olematon-lupa'." },
    ]));
    expectError(await api({}, 'GET', path), 404, 'NOT_FOUND');

    const shapeless = await api(hanna, 'PUT', `/api/v1/admin/surveys/${surveyId}`, { ...definition, questions: [] });
    expect(expectError(shapeless, 400, 'VALIDATION_FAILED').details.fields[0].path).toBe('questions');
  });

  it('saves a valid definition; another authority cannot overwrite it', async () => {
    const saved = await api(hanna, 'PUT', `/api/v1/admin/surveys/${surveyId}`, definition);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: surveyId, authorityId: 'lvv', definition });
    expectError(await api(harri, 'PUT', `/api/v1/admin/surveys/${surveyId}`, definition), 403, 'FORBIDDEN');
    expectError(await api(tessa, 'PUT', `/api/v1/admin/surveys/${surveyId}`, definition), 403, 'FORBIDDEN');
  });

  it('shows the questions in the asked language to anyone', async () => {
    const sv = await api({}, 'GET', `${path}?language=sv`);
    expect(sv.status).toBe(200);
    expect(sv.body).toMatchObject({ id: surveyId, language: 'sv', title: 'Behöver jag tillstånd?' });
    expect(sv.body.questions[0]).toEqual({ id: 'toiminta', text: 'Vilken verksamhet planerar du?', options: [
      { id: 'teollisuus', text: 'Industrianläggning' }, { id: 'maatalous', text: 'Djurstall' }, { id: 'muu', text: 'Annat' },
    ] });
    // A logged-in applicant gets the language of their login.
    expect((await api(tessa, 'GET', path)).body.title).toBe('Tarvitsenko luvan?');
  });

  it('answers with the services required or possibly required and the reasons, in Finnish, Swedish and English', async () => {
    const en = await api({}, 'POST', `${path}/answers`, { language: 'en', answers: { toiminta: 'teollisuus', vesisto: 'kylla' } });
    expect(en.status).toBe(200);
    expect(en.body).toEqual({ surveyId, language: 'en', services: [
      { serviceId: 'vesitalouslupa', name: 'Water resources permit', level: 'required', available: true, reasons: [
        'Building in a water body may need a water resources permit.', 'An industrial plant building in a water body needs a water resources permit.',
      ] },
      { serviceId: 'ymparistolupa', name: 'Environmental permit', level: 'required', available: true, reasons: ['Industry and animal shelters need an environmental permit.'] },
    ] });

    const sv = await api({}, 'POST', `${path}/answers`, { language: 'sv', answers: { toiminta: 'muu', vesisto: 'kylla' } });
    expect(sv.body.services).toEqual([{ serviceId: 'vesitalouslupa', name: 'Tillstånd enligt vattenlagen', level: 'possibly_required', available: true,
      reasons: ['Byggande i vattendrag kan kräva tillstånd enligt vattenlagen.'] }]);

    const fi = await api(tessa, 'POST', `${path}/answers`, { answers: { toiminta: 'maatalous' } });
    expect(fi.body).toMatchObject({ language: 'fi', services: [{ serviceId: 'ymparistolupa', name: 'Ympäristölupa', reasons: ['Teollisuus ja eläinsuojat tarvitsevat ympäristöluvan.'] }] });

    const nothing = await api({}, 'POST', `${path}/answers`, { answers: { toiminta: 'muu', vesisto: 'ei' } });
    expect(nothing.body.services).toEqual([]);
  });

  it('refuses an answer to an unknown question or with an unknown option, naming it', async () => {
    const answer = await api({}, 'POST', `${path}/answers`, { answers: { toiminta: 'kaivos', sijainti: 'tampere' } });
    expect(expectError(answer, 400, 'VALIDATION_FAILED').details.fields).toEqual([
      { path: 'answers.toiminta', message: "Question 'toiminta' has no option 'kaivos'." },
      { path: 'answers.sijainti', message: "There is no question 'sijainti'." },
    ]);
    expectError(await api({}, 'POST', '/api/v1/surveys/olematon/answers', { answers: {} }), 404, 'NOT_FOUND');
    const flood = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`q${i}`, 'x']));
    expect(expectError(await api({}, 'POST', `${path}/answers`, { answers: flood }), 400, 'VALIDATION_FAILED').details.fields).toEqual([
      { path: 'answers', message: 'A survey has at most 30 questions.' },
    ]);
  });
});
