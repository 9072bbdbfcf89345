import { availableActions } from '../../api/pages/official/case-page';
import type { Session } from '../../api/session/types';
import type { ApplicationView } from '../../workflows/application/messages';

// Issue 6 item 5: a form an official may not use is not shown (the operations refuse it anyway).
describe('official case page: which forms are shown', () => {
  const official = (permissions: Session['permissions']) => ({ kind: 'official', authorityId: 'lvv', permissions }) as Session;
  const handler = official(['case:read', 'case:handle']);
  const decider = official(['case:read', 'case:handle', 'case:decide']);
  const view = (status: ApplicationView['status'], handlingMode: ApplicationView['handlingMode'] = 'portal') => ({ status, handlingMode }) as ApplicationView;

  it('offers acknowledging a delivered case, and a supplement request or (to a decider) the decision in handling', () => {
    expect(availableActions(view('DELIVERED'), handler)).toEqual({ acknowledge: true, requestSupplement: false, decide: false });
    expect(availableActions(view('IN_HANDLING'), handler)).toEqual({ acknowledge: false, requestSupplement: true, decide: false });
    expect(availableActions(view('IN_HANDLING'), decider)).toEqual({ acknowledge: false, requestSupplement: true, decide: true });
  });

  it('offers nothing on a case of a service handled in the authority\'s own system, on a draft, or to a reader', () => {
    const none = { acknowledge: false, requestSupplement: false, decide: false };
    expect(availableActions(view('DELIVERED', 'xroad'), decider)).toEqual(none);
    expect(availableActions(view('IN_HANDLING', 'xroad'), decider)).toEqual(none);
    expect(availableActions(view('DRAFT'), decider)).toEqual(none);
    expect(availableActions(view('IN_HANDLING'), official(['case:read'])).decide).toBe(false);
    expect(availableActions(view('DECIDED'), decider)).toEqual(none);
  });
});
