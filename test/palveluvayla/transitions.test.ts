/** [#4] Who may act on a case handled over X-Road: only the service's own authority system, and only there. */
import type { ApplicationFailure } from '@temporalio/common';
import type { Actor, ApplicationStatus, HandlingMode } from '../../workflows/application/messages';
import { initialState, type CaseState } from '../../workflows/application/state';
import { checkAcknowledge, checkAuthorityStatus, checkDecide } from '../../workflows/application/transitions';
import { officialOf } from '../workflows/support/case-fixtures';

const CLIENT = 'FI-TEST/MUN/0211675-2/tampere-asianhallinta';
const system = (ref = CLIENT): Actor => ({ kind: 'authority-system', ref, name: 'Tampereen kaupunki', authorityId: 'tampere' });

function caseIn(status: ApplicationStatus, handlingMode: HandlingMode): CaseState {
  const state = initialState({ applicationId: 'LV-2026-000043', serviceId: 'maa-aineslupa', sessionRef: 's', applicant: { ref: 'a', name: 'Tessa Testilä' }, principal: null, language: 'fi' }, 0);
  state.service = {
    id: 'maa-aineslupa', names: { fi: 'Maa-ainesten ottamislupa', sv: 'Marktäktstillstånd', en: 'Soil extraction permit' }, authorityId: handlingMode === 'xroad' ? 'tampere' : 'lvv', handlingMode,
    requiredLoa: 'substantial', formSchema: {}, handlingTimeDays: 120, supplementDeadlineDays: 30, draftExpiryDays: 90, acknowledgementDeadlineDays: 14, appealPeriodDays: 30,
    representation: { organisationRoles: [], issueUris: [] },
    xroad: handlingMode === 'xroad' ? { service: 'FI-TEST/MUN/0211675-2/tampere-lupa/lupahakemukset', client: CLIENT } : null,
  };
  state.status = status;
  return state;
}

const refusalOf = (check: () => void): string | undefined => {
  try {
    check();
    return undefined;
  } catch (err) {
    return (err as ApplicationFailure).type ?? 'untyped';
  }
};

describe('[#4] Transition rules of a case handled in the authority\'s own system', () => {
  it('takes the acknowledgement only from the service\'s own X-Road client, also before the send\'s own result is in', () => {
    expect(refusalOf(() => checkAcknowledge(caseIn('SUBMITTED', 'xroad'), { actor: system(), caseNumber: 'TRE/1/2026' }))).toBeUndefined();
    expect(refusalOf(() => checkAcknowledge(caseIn('DELIVERED', 'xroad'), { actor: system(), caseNumber: 'TRE/1/2026' }))).toBeUndefined();
    expect(refusalOf(() => checkAcknowledge(caseIn('DELIVERED', 'xroad'), { actor: system('FI-TEST/MUN/0211675-2/muu'), caseNumber: 'TRE/1/2026' }))).toBe('FORBIDDEN');
    expect(refusalOf(() => checkAcknowledge(caseIn('DELIVERED', 'xroad'), { actor: officialOf('lvv'), caseNumber: 'TRE/1/2026' }))).toBe('FORBIDDEN');
    expect(refusalOf(() => checkAcknowledge(caseIn('DRAFT', 'xroad'), { actor: system(), caseNumber: 'TRE/1/2026' }))).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('keeps portal cases as they were: officials only, and no acknowledgement before delivery', () => {
    expect(refusalOf(() => checkAcknowledge(caseIn('DELIVERED', 'portal'), { actor: system(), caseNumber: 'TRE/1/2026' }))).toBe('FORBIDDEN');
    expect(refusalOf(() => checkAcknowledge(caseIn('SUBMITTED', 'portal'), { actor: officialOf('lvv'), caseNumber: 'LVV/1/2026' }))).toBe('TRANSITION_NOT_ALLOWED');
    expect(refusalOf(() => checkDecide(caseIn('IN_HANDLING', 'portal'), { actor: system(), outcome: 'APPROVED', text: 'Myönnetään.' }))).toBe('FORBIDDEN');
  });

  it('takes status reports while the case is with the authority, with a status and a text', () => {
    expect(refusalOf(() => checkAuthorityStatus(caseIn('IN_HANDLING', 'xroad'), { actor: system(), status: 'LAUSUNNOILLA', text: 'Lausunnot pyydetty.' }))).toBeUndefined();
    expect(refusalOf(() => checkAuthorityStatus(caseIn('DECIDED', 'xroad'), { actor: system(), status: 'X', text: 'Y' }))).toBe('TRANSITION_NOT_ALLOWED');
    expect(refusalOf(() => checkAuthorityStatus(caseIn('IN_HANDLING', 'xroad'), { actor: system(), status: ' ', text: 'Y' }))).toBe('VALIDATION_FAILED');
  });
});
