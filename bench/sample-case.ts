/**
 * The people and the application the demo and the benchmark use: sandbox test persons and officials
 * (sandbox/saml-idp/fixtures.ts) and a realistic environmental permit form for `ymparistolupa`.
 */
import { createFormValidator } from '../api/forms';
import { isAppError } from '../infra/errors';
import { TEST_OFFICIALS, TEST_PERSONS } from '../sandbox/saml-idp/fixtures';
import type { FormData } from '../workflows/application/messages';
import type { LifecycleInput } from './lifecycle-steps';

export const SAMPLE_SERVICE_ID = 'ymparistolupa';

/** What GET /api/v1/services/:id tells about a permit service (the fields the demo and bench use). */
export interface ServiceDetail {
  id: string;
  names: Record<string, string>;
  authorityId: string;
  requiredLoa: string;
  formSchema: Record<string, unknown>;
}

/** Virtu home organisation of the authority that handles the sample service (authority `lvv`). */
const HANDLING_ORGANISATION = 'lvv.fi';

function official(decides: boolean): string {
  const found = TEST_OFFICIALS.find(
    (o) => o.homeOrganization === HANDLING_ORGANISATION && o.entitlements.includes('lupaflow:kasittelija') && o.entitlements.includes('lupaflow:paattaja') === decides,
  );
  if (!found) throw new Error(`the sandbox has no ${decides ? 'decider' : 'handler'} of ${HANDLING_ORGANISATION}`);
  return found.localId;
}

/** Who acts in the demo: Tessa Testilä applies, an lvv.fi handler and decider handle the case. */
export const DEMO_PEOPLE = {
  applicant: '010280-952L',
  handler: official(false),
  decider: official(true),
};

/** Identity codes of every sandbox test person, for a pool of applicants. */
export const TEST_APPLICANTS = TEST_PERSONS.map((p) => p.hetu);

/** A complete environmental permit application (a sawmill), for the seeded `ymparistolupa` form schema. */
export const sampleForm: FormData = {
  operatorName: 'Testilän Saha Oy',
  activityType: 'industrial_plant',
  site: { street: 'Sahatie 1', postalCode: '33100', municipality: 'Tampere', propertyId: '837-405-12-34' },
  activityDescription: 'Sahalaitos, jonka tuotantokapasiteetti on 50 000 m³ sahatavaraa vuodessa; toiminta arkisin klo 6–22.',
  emissions: 'Melu (vannesahat, kuljettimet) ja puupöly; pölynpoisto syklonilla, melusuojaus kuljetinkatteilla.',
  plannedStart: '2027-03-01',
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi', phone: '+358 40 1234567' },
};

/** The sample case from start to decision, under the authority's case number `caseNumber`. */
export function sampleCase(caseNumber: string): LifecycleInput {
  return {
    serviceId: SAMPLE_SERVICE_ID,
    form: sampleForm,
    caseNumber,
    supplementQuestion: 'Liittäkää hakemukseen meluselvitys yöaikaisesta toiminnasta.',
    supplementAnswer: 'Meluselvitys liitteenä: yöaikainen melutaso lähimmällä asuinkiinteistöllä on 38 dB(A).',
    decisionText: 'Ympäristölupa myönnetään hakemuksen ja täydennyksen mukaisesti lupamääräyksin 1–12.',
  };
}

/** Throws, naming each problem, when `form` is not a complete application for the service's JSON schema. */
export function checkFormAgainstSchema(serviceId: string, schema: Record<string, unknown>, form: FormData): void {
  try {
    createFormValidator().checkComplete(serviceId, schema, form);
  } catch (err) {
    if (!isAppError(err)) throw err;
    const fields = err.details.fields ?? [];
    throw new Error(`The sample form does not fit the ${serviceId} form schema: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`);
  }
}

/** Tampere's soil extraction permit, handled in the city's own case system over X-Road (handling mode xroad). */
export const XROAD_SAMPLE_SERVICE_ID = 'maa-aineslupa';

/** A complete soil extraction application without the landowner's consent, which the case system then asks for. */
export const xroadSampleForm: FormData = {
  applicantName: 'Sorakuljetus Virtanen Oy', propertyId: '837-405-12-3', material: 'gravel', volumeM3: 40_000, years: 10,
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' },
};
