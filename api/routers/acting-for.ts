import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import { beginChoice, CALLBACK_PATH, completeChoice, endChoice, type ActingForDeps } from '../acting-for/choose';
import { Principal } from '../openapi/schemas';
import { RouteTable } from '../openapi/route';
import { safeReturnTo } from '../saml/return-to';

const tag = 'Acting for others';

const ActingFor = z.object({
  actingFor: z.object({
    principal: Principal,
    roles: z.array(z.string()).openapi({ description: 'Register role codes and issue URIs e-Authorizations gave at the choice; each act is checked again.' }),
    complete: z.boolean(),
    tokenExpiresAt: z.iso.datetime({ offset: true }).openapi({ description: 'After this the choice must be made again.' }),
  }).nullable(),
}).openapi('ActingFor');

/**
 * Acting for a person or an organisation (Suomi.fi e-Authorizations, specs/valtuudet.md §4): the
 * applicant starts the choice here, picks in the e-Authorizations UI, and comes back to the callback;
 * the choice holds for this login until it ends or the applicant goes back to acting for themselves.
 */
export function actingForRoutes(deps: ActingForDeps): RouteTable {
  const base = '/api/v1/acting-for';
  return new RouteTable()
    .add({
      method: 'post', path: base, tag, access: 'applicant',
      body: z.strictObject({
        kind: z.enum(['organisation', 'person']).openapi({ description: 'organisation: e-Authorizations YPA; person: HPA.' }),
        returnTo: z.string().max(512).optional().openapi({ description: 'Same-origin path to come back to; default /.' }),
      }),
      summary: 'Starts choosing whom to act for: answers the Suomi.fi e-Authorizations address to send the browser to.',
      response: { status: 200, description: 'Where to send the browser.', schema: z.object({ redirectUrl: z.url() }) },
      errors: [ErrorCode.DEPENDENCY_UNAVAILABLE, ErrorCode.SESSION_INVALID],
    }, async ({ session, body }) => ({ redirectUrl: await beginChoice(deps, session(), { kind: body.kind, returnTo: safeReturnTo(body.returnTo) }) }))
    .add({
      method: 'get', path: CALLBACK_PATH, tag, access: 'applicant',
      query: z.object({ code: z.string().max(512).optional(), state: z.string().max(512).optional(), error: z.string().max(512).optional() }),
      summary: 'Return from the e-Authorizations UI: 303 to the returnTo path with `actingFor=chosen|cancelled|expired|refused|unavailable`.',
      response: { status: 303, description: 'Back to the page the choice started from.' },
      errors: [ErrorCode.DEPENDENCY_UNAVAILABLE],
    }, async ({ session, query, res }) => {
      const { outcome, returnTo } = await completeChoice(deps, session(), query);
      const url = new URL(returnTo, 'http://lupaflow.invalid');
      url.searchParams.set('actingFor', outcome);
      res.redirect(303, `${url.pathname}${url.search}${url.hash}`);
    })
    .add({
      method: 'get', path: base, tag, access: 'applicant',
      summary: 'Whom the applicant acts for in this login (null: for themselves).',
      response: { status: 200, description: 'The current choice.', schema: ActingFor },
    }, async ({ session }) => ({ actingFor: (await deps.valtuudet?.selections.current(session().id)) ?? null }))
    .add({
      method: 'delete', path: base, tag, access: 'applicant',
      summary: 'Goes back to acting for oneself; ends the e-Authorizations session.',
      response: { status: 200, description: 'No choice any more.', schema: ActingFor },
      errors: [ErrorCode.DEPENDENCY_UNAVAILABLE],
    }, async ({ session }) => {
      await endChoice(deps, session());
      return { actingFor: null };
    });
}
