import { judgeMandate, type MandateAnswer } from '../../workflows/application/mandate';

const ISSUE = 'http://valtuusrekisteri.suomi.fi/ymparistoluvan_hakeminen';
const rova = { kind: 'organisation' as const, businessId: '7019376-8', name: 'Rova Oy' };
const anni = { kind: 'person' as const, identityCodeHash: 'a'.repeat(64), name: 'Kumpulainen Anni Emilia' };
const answer = (o: Partial<MandateAnswer>): MandateAnswer => ({
  api: 'ypa/organizationRoles', roles: [], complete: true, result: null, issue: null, reasons: [], checkedAt: '2026-11-24T12:00:00.000Z', ...o,
});

describe('[#3] what an e-Authorizations answer means under a service\'s rule', () => {
  const rule = { organisationRoles: ['TJ', 'NIMKO'], issueUris: [ISSUE] };

  it('allows an organisation on an accepted register role or on the service\'s issue URI, among mixed roles', () => {
    expect(judgeMandate(rova, rule, answer({ roles: ['J', 'TJ'] })).allowed).toBe(true);
    expect(judgeMandate(rova, rule, answer({ roles: ['J', ISSUE] })).allowed).toBe(true);
  });

  it('refuses other roles, and any role where the rule is empty', () => {
    expect(judgeMandate(rova, rule, answer({ roles: ['J', 'PJ'] }))).toMatchObject({ allowed: false, outcome: 'DISALLOWED' });
    expect(judgeMandate(rova, { organisationRoles: [], issueUris: [] }, answer({ roles: ['TJ'] })).allowed).toBe(false);
  });

  it('never takes an incomplete register answer as a yes, even with an accepted role', () => {
    expect(judgeMandate(rova, rule, answer({ roles: ['TJ'], complete: false }))).toMatchObject({ allowed: false, outcome: 'INCOMPLETE', message: expect.stringMatching(/try again later/) });
  });

  it('follows the REST API\'s result for a person', () => {
    expect(judgeMandate(anni, rule, answer({ api: 'rest/hpa/authorization', result: 'ALLOWED', issue: ISSUE })).allowed).toBe(true);
    expect(judgeMandate(anni, rule, answer({ api: 'rest/hpa/authorization', result: 'DISALLOWED' }))).toMatchObject({ allowed: false, message: expect.stringContaining('Kumpulainen Anni Emilia') });
  });
});
