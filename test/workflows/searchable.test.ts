/** Which search attributes a transition upserts: only those whose value changed since the last upsert. */
import { TypedSearchAttributes } from '@temporalio/common';
import { SA } from '../../workflows/search-attributes';
import { searchAttributeChanges, searchValuesAtStart, searchValuesOf } from '../../workflows/application/searchable';
import { initialState } from '../../workflows/application/state';
import type { ServiceSettings, StartApplicationInput } from '../../workflows/application/messages';

const input: StartApplicationInput = {
  applicationId: 'LV-2026-000042', serviceId: 'ymparistolupa', sessionRef: 's', applicant: { ref: 'a', name: 'Tessa Testilä' },
  principal: { kind: 'organisation', businessId: '2695192-6', name: 'Pintakäsittely Virtanen Oy' }, language: 'fi',
};
const service: ServiceSettings = {
  id: 'ymparistolupa', names: { fi: 'Ympäristölupa', sv: 'Miljötillstånd', en: 'Environmental permit' }, authorityId: 'lvv', handlingMode: 'portal',
  requiredLoa: 'substantial', formSchema: {}, handlingTimeDays: 100, supplementDeadlineDays: 30, draftExpiryDays: 90, acknowledgementDeadlineDays: 14, appealPeriodDays: 30,
  representation: { organisationRoles: ['TJ', 'NIMKO'], issueUris: [] }, xroad: null,
};

describe('[#2] the search attributes of a case', () => {
  it('reads what the workflow was started with, datetimes as ISO 8601 and missing ones as unset', () => {
    const started = new TypedSearchAttributes([
      { key: SA.service, value: 'ymparistolupa' }, { key: SA.status, value: 'STARTED' }, { key: SA.submittedAt, value: new Date(Date.UTC(2026, 10, 24)) },
    ]);
    expect(searchValuesAtStart(started)).toEqual({
      service: 'ymparistolupa', authority: null, status: 'STARTED', organisation: null, submittedAt: '2026-11-24T00:00:00.000Z', deadline: null,
    });
  });

  it('upserts only the keys that changed, datetimes as dates, and removes the ones that became unset', () => {
    const state = initialState(input, 0);
    state.service = service;
    const opened = searchValuesOf(state);
    expect(searchAttributeChanges(searchValuesAtStart(new TypedSearchAttributes()), opened)).toEqual([
      { key: SA.service, value: 'ymparistolupa' }, { key: SA.authority, value: 'lvv' }, { key: SA.status, value: 'STARTED' },
      { key: SA.organisation, value: '2695192-6' },
    ]);
    expect(searchAttributeChanges(opened, searchValuesOf(state))).toEqual([]);

    const submittedAt = Date.UTC(2026, 10, 24, 12);
    state.status = 'DELIVERED';
    state.submission = { receiptId: 'r', applicationId: input.applicationId, submittedAt: new Date(submittedAt).toISOString(), contentSha256: '0'.repeat(64) };
    state.clock = { startedAt: submittedAt, pausedMs: 0, pausedSince: null, stoppedAt: null };
    const delivered = searchValuesOf(state);
    expect(searchAttributeChanges(opened, delivered)).toEqual([
      { key: SA.status, value: 'DELIVERED' }, { key: SA.submittedAt, value: new Date(submittedAt) },
      { key: SA.deadline, value: new Date(submittedAt + 100 * 86_400_000) },
    ]);

    state.status = 'CLOSED';
    expect(searchAttributeChanges(delivered, searchValuesOf(state))).toEqual([{ key: SA.status, value: 'CLOSED' }, { key: SA.deadline, value: null }]);
  });
});
