/** The pure rules of the application workflow: which updates each state allows, and the handling clock. */
import { ApplicationFailure } from '@temporalio/common';
import { elapsedMs, handlingDueAt, idleClock, isRunning, pauseClock, resumeClock, startClock, stopClock } from '../../workflows/application/handling-clock';
import { TEXT_LIMITS, type ApplicationStatus, type StartApplicationInput } from '../../workflows/application/messages';
import { initialState, type CaseState } from '../../workflows/application/state';
import {
  checkAcknowledge, checkDecide, checkRequestSupplement, checkSaveDraft, checkSetConsent, checkSubmit, checkWithdraw,
} from '../../workflows/application/transitions';
import { officialOf } from './support/case-fixtures';

const HOUR = 3_600_000;
const input: StartApplicationInput = {
  applicationId: 'LV-2026-000042', serviceId: 'ymparistolupa', sessionRef: 's', applicant: { ref: 'a', name: 'Tessa Testilä' }, principal: null, language: 'fi',
};

/** A case of the environmental permit service (requires LoA substantial) in `status`. */
function caseIn(status: ApplicationStatus): CaseState {
  const state = initialState(input, 0);
  state.service = {
    id: 'ymparistolupa', names: { fi: 'Ympäristölupa', sv: 'Miljötillstånd', en: 'Environmental permit' }, authorityId: 'lvv', handlingMode: 'portal',
    requiredLoa: 'substantial', formSchema: {}, handlingTimeDays: 180, supplementDeadlineDays: 30, draftExpiryDays: 90, acknowledgementDeadlineDays: 14, appealPeriodDays: 30,
  representation: { organisationRoles: ['TJ', 'NIMKO'], issueUris: [] }, xroad: null,
  };
  state.status = status;
  return state;
}

function withdrawnCase(): CaseState {
  const state = caseIn('CLOSED');
  state.closeReason = 'WITHDRAWN';
  return state;
}

function refusal(check: () => void): ApplicationFailure {
  try {
    check();
  } catch (err) {
    return err as ApplicationFailure;
  }
  throw new Error('expected a refusal');
}

describe('[#2] the transition rules of an application', () => {
  it('refuses to decide a withdrawn case, saying what state it is in', () => {
    const err = refusal(() => checkDecide(withdrawnCase(), { actor: officialOf('lvv'), outcome: 'APPROVED', text: 'Myönnetään.' }));
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err.type).toBe('TRANSITION_NOT_ALLOWED');
    expect(err.message).toBe('Cannot decide a case in status CLOSED (withdrawn).');
  });

  it('answers an official of another authority with FORBIDDEN before saying anything about the state', () => {
    expect(refusal(() => checkDecide(withdrawnCase(), { actor: officialOf('tukes'), outcome: 'APPROVED', text: 'x' })).type).toBe('FORBIDDEN');
  });

  it('refuses to withdraw a case that is already closed', () => {
    const err = refusal(() => checkWithdraw(withdrawnCase(), { actor: { kind: 'applicant', ref: 'a', name: 'Tessa Testilä' } }));
    expect(err.type).toBe('TRANSITION_NOT_ALLOWED');
  });
});

describe('[#2] a supplement request', () => {
  it('is refused before the case is acknowledged, which would otherwise never get a case number', () => {
    const err = refusal(() => checkRequestSupplement(caseIn('DELIVERED'), { actor: officialOf('lvv'), message: 'Lisätkää kartta.' }, 0));
    expect(err.type).toBe('TRANSITION_NOT_ALLOWED');
    expect(err.message).toBe('Cannot request a supplement to a case in status DELIVERED: acknowledge it with a case number first.');
    expect(() => checkAcknowledge(caseIn('DELIVERED'), { actor: officialOf('lvv'), caseNumber: 'LVV/1/2026' })).not.toThrow();
  });

  it('is allowed once the case is in handling', () => {
    expect(() => checkRequestSupplement(caseIn('IN_HANDLING'), { actor: officialOf('lvv'), message: 'Lisätkää kartta.' }, 0)).not.toThrow();
  });
});

describe('[#2] the level of assurance of the applicant\'s login', () => {
  const applicant = { kind: 'applicant' as const, ref: 'a', name: 'Tessa Testilä' };

  it('refuses every act of the applicant with a login weaker than the service requires', () => {
    const low = { ...applicant, loa: 'low' as const };
    const acts = [
      () => checkSaveDraft(caseIn('DRAFT'), { actor: low, form: {} }),
      () => checkSubmit(caseIn('DRAFT'), { actor: low, draftVersion: 0 }),
      () => checkWithdraw(caseIn('DELIVERED'), { actor: low }),
    ];
    for (const act of acts) expect(refusal(act)).toMatchObject({ type: 'LOA_TOO_LOW', message: expect.stringContaining('stronger identification') });
  });

  it('accepts a login that meets the requirement, and acts recorded before the level was carried', () => {
    expect(() => checkSubmit(caseIn('DRAFT'), { actor: { ...applicant, loa: 'substantial' }, draftVersion: 0 })).not.toThrow();
    expect(() => checkSubmit(caseIn('DRAFT'), { actor: { ...applicant, loa: 'high' }, draftVersion: 0 })).not.toThrow();
    expect(() => checkSubmit(caseIn('DRAFT'), { actor: applicant, draftVersion: 0 })).not.toThrow();
  });
});

describe('[#2] the text limits the API shares', () => {
  it('accepts a decision text of exactly the limit and refuses one character more', () => {
    const decide = (length: number) => () => checkDecide(caseIn('IN_HANDLING'), { actor: officialOf('lvv'), outcome: 'APPROVED', text: 'x'.repeat(length) });
    expect(decide(TEXT_LIMITS.decisionText)).not.toThrow();
    expect(refusal(decide(TEXT_LIMITS.decisionText + 1)).type).toBe('VALIDATION_FAILED');
  });
});

describe('[#2] the statutory handling clock', () => {
  it('does not count the time a supplement request is open, and moves the due date by exactly that time', () => {
    const handling = 180 * 24 * HOUR;
    let clock = startClock(idleClock(), 0);
    expect(handlingDueAt(clock, handling)).toBe(handling);
    clock = pauseClock(clock, 10 * HOUR);
    expect(isRunning(clock)).toBe(false);
    expect(handlingDueAt(clock, handling)).toBeNull();
    expect(elapsedMs(clock, 50 * HOUR)).toBe(10 * HOUR);
    clock = resumeClock(clock, 34 * HOUR);
    expect(handlingDueAt(clock, handling)).toBe(handling + 24 * HOUR);
    expect(elapsedMs(clock, 40 * HOUR)).toBe(16 * HOUR);
  });

  it('stops for good at the decision', () => {
    const clock = stopClock(startClock(idleClock(), 0), 5 * HOUR);
    expect(isRunning(clock)).toBe(false);
    expect(elapsedMs(clock, 100 * HOUR)).toBe(5 * HOUR);
  });
});

describe('[#6] consent to the authority seeing a draft', () => {
  const applicant = { kind: 'applicant' as const, ref: 'a', name: 'Tessa Testilä', loa: 'substantial' as const };

  it('is the applicant\'s alone: an official of the authority cannot give it', () => {
    expect(refusal(() => checkSetConsent(caseIn('DRAFT'), { actor: officialOf('lvv'), given: true })).type).toBe('FORBIDDEN');
    expect(() => checkSetConsent(caseIn('DRAFT'), { actor: applicant, given: true })).not.toThrow();
  });

  it('is given or withdrawn only while the case is a draft', () => {
    const err = refusal(() => checkSetConsent(caseIn('DELIVERED'), { actor: applicant, given: false }));
    expect(err.type).toBe('TRANSITION_NOT_ALLOWED');
    expect(err.message).toBe('Cannot change the consent of a case in status DELIVERED.');
  });

  it('takes only true or false', () => {
    const err = refusal(() => checkSetConsent(caseIn('DRAFT'), { actor: applicant, given: 'yes' as unknown as boolean }));
    expect(err.type).toBe('VALIDATION_FAILED');
  });
});
