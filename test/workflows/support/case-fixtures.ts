/**
 * Shared material of the workflow tests and the history recorder: actors, a valid form, login
 * sessions in PostgreSQL, and the FIXED payload codec key of the committed history fixtures.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { Knex } from 'knex';
import { addAttachmentUpdate, type Actor, type Attachment, type LevelOfAssurance, type Principal, type StartApplicationInput } from '../../../workflows/application/messages';

/**
 * TEST-ONLY payload codec key. It encrypts the committed history fixtures in test/fixtures/histories
 * so that the replay test can read them; it protects nothing and must never be used anywhere else.
 */
export const FIXTURE_CODEC_KEYS = [{ id: 'test-fixture-key', key: Buffer.from('bHVwYWZsb3ctdGVzdC1vbmx5LWZpeHR1cmUta2V5ISE=', 'base64') }];

export const officialOf = (authorityId: 'lvv' | 'tukes'): Actor => ({
  kind: 'official',
  ref: authorityId === 'lvv' ? 'kaisa.kasittelija@lvv.fi' : 'teemu.tarkastaja@tukes.fi',
  name: authorityId === 'lvv' ? 'Kaisa Käsittelijä' : 'Teemu Tarkastaja',
  authorityId,
});

/** A complete environmental permit form (service `ymparistolupa`). */
export const environmentalForm = {
  operatorName: 'Pintakäsittely Virtanen Oy',
  activityType: 'industrial_plant',
  site: { street: 'Tehtaankatu 12', postalCode: '33100', municipality: 'Tampere', propertyId: '837-5-123-4' },
  activityDescription: 'Metalliosien sinkitys ja maalaus, noin 4 000 tonnia vuodessa.',
  emissions: 'Liuotinpäästöt ilmaan käsitellään termisellä polttimella.',
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' },
};

/** The site plan the environmental permit requires before submission (issue 6). The case keeps only this ref. */
export const SITE_PLAN: Attachment = {
  id: '5e1e0000-0000-4000-8000-000000000001', type: 'asemapiirros', filename: 'asemapiirros.pdf', mediaType: 'application/pdf',
  size: 2048, sha256: 'a'.repeat(64), uploadedAt: '2026-11-24T12:00:00.000Z',
};

/** Attaches SITE_PLAN to a case, as the API does once it has stored the bytes. */
export const attachSitePlan = (handle: WorkflowHandle, actor: Actor) => handle.executeUpdate(addAttachmentUpdate, { args: [{ actor, attachment: SITE_PLAN }] });

export interface TestApplicant {
  actor: Actor;
  input: StartApplicationInput;
}

/** Inserts a live Suomi.fi login session and returns the start input of a case opened from it. */
export async function applicantSession(
  db: Knex,
  opts: { serviceId?: string; loa?: LevelOfAssurance; principal?: Principal | null; name?: string } = {},
): Promise<TestApplicant> {
  const sessionId = randomUUID();
  const ref = `test-subject-${randomUUID()}`;
  const name = opts.name ?? 'Tessa Testilä';
  await db('sessions').insert({
    id: sessionId, token_hash: randomUUID(), kind: 'applicant', idp: 'suomifi', subject_ref: ref, display_name: name,
    loa: opts.loa ?? 'substantial', language: 'fi', csrf_token: randomUUID(), name_id: randomUUID(),
    expires_at: new Date(Date.now() + 3_600_000),
  });
  return {
    // As the API sends it (api/routers/cases.ts actorOf): with the login's level of assurance.
    actor: { kind: 'applicant', ref, name, loa: opts.loa ?? 'substantial' },
    input: {
      applicationId: `LV-TEST-${randomUUID().slice(0, 8)}`,
      serviceId: opts.serviceId ?? 'ymparistolupa',
      sessionRef: sessionId,
      applicant: { ref, name },
      principal: opts.principal ?? null,
      language: 'fi',
    },
  };
}
