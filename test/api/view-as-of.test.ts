import { viewAsOf } from '../../api/routers/view-as-of';
import type { ApplicationView } from '../../workflows/application/messages';

const storedAt = Date.parse('2026-03-02T10:00:00.000Z');

function stored(clock: ApplicationView['handlingClock']): ApplicationView {
  return {
    applicationId: 'LV-2026-000042', serviceId: 'ymparistolupa', authorityId: 'lvv', handlingMode: 'portal',
    status: clock.running ? 'IN_HANDLING' : 'SUPPLEMENT_REQUESTED', closeReason: null,
    applicant: { ref: 'ref', name: 'Tessa Testilä' }, principal: null,
    draft: { version: 2, form: {}, savedAt: '2026-03-01T09:00:00.000Z' }, submission: null, caseNumber: 'LVV/1/2026',
    supplementRequests: [], decision: null,
    deadlines: { draftExpiresAt: null, acknowledgementDueAt: null, handlingDueAt: null, supplementDueAt: null, appealEndsAt: null },
    handlingClock: clock,
    projectId: null, consent: { given: false, at: null },
    attachments: [],
    updatedAt: new Date(storedAt).toISOString(),
  };
}

describe('[#2] A stored case view brought up to the time it is read', () => {
  it('adds the time since the view was stored to a running handling clock', () => {
    const view = stored({ elapsedMs: 86_400_000, running: true });
    const read = viewAsOf(view, storedAt + 90_000);
    expect(read.handlingClock).toEqual({ elapsedMs: 86_400_000 + 90_000, running: true });
    // Everything else is as the workflow stored it, and the stored copy is left as it was.
    expect({ ...read, handlingClock: view.handlingClock }).toEqual(view);
    expect(view.handlingClock.elapsedMs).toBe(86_400_000);
  });

  it('leaves a stopped clock (open supplement request, decided case) where it stood', () => {
    const view = stored({ elapsedMs: 3_600_000, running: false });
    expect(viewAsOf(view, storedAt + 7 * 86_400_000).handlingClock).toEqual({ elapsedMs: 3_600_000, running: false });
  });

  it('never counts backwards when the reader\'s clock is behind the workflow\'s', () => {
    const view = stored({ elapsedMs: 5_000, running: true });
    expect(viewAsOf(view, storedAt - 2_000).handlingClock.elapsedMs).toBe(5_000);
  });
});
