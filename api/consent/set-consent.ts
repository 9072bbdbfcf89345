import { z } from 'zod';
import { setConsentUpdate, type ApplicationView } from '../../workflows/application/messages';
import { mandatedUpdate } from '../acting-for/mandated-update';
import { validInput } from '../projects/valid-input';
import { actorOf, applicantCase } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';

export const ConsentBody = z.strictObject({
  given: z.boolean().openapi({ description: 'true: the authority may see the application while it is a draft; false: it may not (again).' }),
});

/**
 * Gives or withdraws the applicant's consent to the case's authority seeing the draft before it is
 * submitted (issue 6). Only the applicant, only while a draft; giving it on a principal's behalf
 * needs a mandate that holds now, checked by the workflow. Both are in the case's event log.
 */
export async function setConsent(deps: RouterDeps, session: Session, applicationId: string, input: unknown): Promise<ApplicationView> {
  const { given } = validInput(ConsentBody, input);
  const row = await applicantCase(deps, applicationId, session);
  return mandatedUpdate(deps, row, setConsentUpdate, { actor: actorOf(session), sessionRef: session.id, given });
}
