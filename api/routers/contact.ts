import { Contact, ContactInput, getContact, setContact, type ContactDeps } from '../contact/operations';
import { RouteTable } from '../openapi/route';

const tag = 'Session';

/** The applicant's own contact address for notifications (issue 6). */
export function contactRoutes(deps: ContactDeps): RouteTable {
  const path = '/api/v1/me/contact';
  return new RouteTable()
    .add({
      method: 'get', path, tag, access: 'applicant',
      summary: 'The e-mail address and language the applicant\'s notifications go to (nulls until set).',
      response: { status: 200, description: 'The contact address.', schema: Contact },
    }, async ({ session }) => getContact(deps, session()))
    .add({
      method: 'put', path, tag, access: 'applicant', body: ContactInput,
      summary: 'Sets the e-mail address (stored encrypted) and, optionally, the language of the applicant\'s notifications.',
      response: { status: 200, description: 'The contact address as stored.', schema: Contact },
    }, async ({ session, body }) => setContact(deps, session(), body));
}
