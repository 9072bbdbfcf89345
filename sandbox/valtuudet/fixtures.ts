/**
 * Whom the sandbox's delegates (the Suomi.fi sandbox test persons, sandbox/saml-idp/fixtures.ts) may
 * act for. Organisations carry register role codes and issue URIs mixed in `roles`, as the real
 * service answers (specs/valtuudet.md §6); the business ids and person ids are DVV test ids (§9).
 */

/** An issue URI of the sandbox, standing in for the environmental-permit issue, whose real URI is unknown (§7). */
export const SANDBOX_ISSUE_URI = 'http://valtuusrekisteri.suomi.fi/ymparistoluvan_hakeminen';

export interface OrganisationFixture {
  identifier: string;
  name: string;
  /** `complete:false` stands for an incomplete trade-register lookup. */
  complete: boolean;
  /** Roles (or issue URIs) of each delegate, by the delegate's identity code. */
  roles: Record<string, string[]>;
}

export interface PersonFixture {
  personId: string;
  name: string;
  /** Issue URIs each delegate holds a mandate for, by the delegate's identity code. */
  mandates: Record<string, string[]>;
}

const TESSA = '010280-952L';
const JONI = '010469-999W';
const ANNA_LIISA = '010675-9981';

export const ORGANISATIONS: OrganisationFixture[] = [
  // Tessa is managing director; Joni has a right to sign and an issue URI (mixed roles); Anna-Liisa is a board member only.
  { identifier: '7019376-8', name: 'Rova Oy', complete: true, roles: { [TESSA]: ['TJ'], [JONI]: ['NIMKO', SANDBOX_ISSUE_URI], [ANNA_LIISA]: ['J'] } },
  // A board member only: not enough where TJ or NIMKO is needed.
  { identifier: '2305162-8', name: 'Hallitusjäsen Oy', complete: true, roles: { [TESSA]: ['J'] } },
  // An authorization-register mandate only, no register role.
  { identifier: '7769480-5', name: 'Valtakirja Ky', complete: true, roles: { [TESSA]: [SANDBOX_ISSUE_URI] } },
  // The trade register did not answer in full: roles may be missing.
  { identifier: '1572860-0', name: 'Keskeneräinen Oy', complete: false, roles: { [TESSA]: ['TJ'] } },
  // Anna-Liisa chairs an association.
  { identifier: '0112038-9', name: 'Lupayhdistys ry', complete: true, roles: { [ANNA_LIISA]: ['PJ'] } },
];

export const PERSONS: PersonFixture[] = [
  { personId: '120508A950F', name: 'Kumpulainen Anni Emilia', mandates: { [TESSA]: [SANDBOX_ISSUE_URI] } },
  // Listed for Joni but with no mandate: the disallowed pair.
  { personId: '131052-308T', name: 'Virtanen Ville', mandates: { [JONI]: [] } },
];
