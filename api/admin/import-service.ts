import type { Knex } from 'knex';
import type { z } from 'zod';
import { PtvRequestRefused, PtvUnavailable, type PtvCatalogueApi, type PtvService, type PtvTexts } from '../../activities/ptv/catalogue-api';
import { AppError } from '../../infra/errors';
import type { LocalizedText } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import type { ImportServiceBody } from './schemas';
import { settingsColumns } from './service-rows';

/** Defaults of what an import leaves out: a portal service, as the seeded ones. */
const DEFAULTS = {
  handling_mode: 'portal', required_loa: 'substantial', handling_time_days: 180, supplement_deadline_days: 30,
  draft_expiry_days: 90, acknowledgement_deadline_days: 14, appeal_period_days: 30, active: true,
};

// Finnish is the one language every PTV service has; the others fall back to it.
const complete = (t: PtvTexts): LocalizedText => ({ fi: t.fi ?? '', sv: t.sv ?? t.fi ?? '', en: t.en ?? t.fi ?? '' });

const ptvIdField = (message: string) => ({ fields: [{ path: 'ptvServiceId', message }] });

/** PTV's answer; its outage or refusal as the error the administrator is shown (nothing is imported). */
async function askPtv<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof PtvUnavailable) {
      throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'The Suomi.fi Service Catalogue (PTV) cannot be reached right now, so nothing was imported. Please try again shortly.');
    }
    if (err instanceof PtvRequestRefused) throw new AppError(ErrorCode.PTV_REQUEST_REFUSED, `PTV refused the platform's request, so nothing was imported: ${err.message}`);
    throw err;
  }
}

/** The published PTV service of `ptvServiceId`, or the 4xx that says why it cannot be imported. */
async function publishedService(ptv: PtvCatalogueApi, ptvServiceId: string): Promise<PtvService> {
  const published = await askPtv(() => ptv.service(ptvServiceId));
  if (published) return published;
  // The public API hides drafts; the API user's view tells a draft from an unknown id (without an API user: unknown).
  const latest = await askPtv(() => ptv.latestService(ptvServiceId).catch((err) => {
    if (err instanceof PtvRequestRefused) return null;
    throw err;
  }));
  if (latest) {
    throw new AppError(ErrorCode.PTV_SERVICE_NOT_PUBLISHED,
      `The PTV service ${ptvServiceId} is not published (its status is ${latest.publishingStatus}); publish it in PTV first.`,
      ptvIdField(`Not published in PTV (${latest.publishingStatus}).`));
  }
  throw new AppError(ErrorCode.PTV_SERVICE_UNKNOWN, `PTV does not know a service ${ptvServiceId}, or it has been archived.`, ptvIdField('Not found in PTV.'));
}

/**
 * Imports a PTV service into the catalogue for the administrator's authority: PTV must publish it and
 * it must belong to the authority's PTV organisation. One insert: nothing is half-created.
 */
export async function importService(db: Knex, ptv: PtvCatalogueApi, authorityId: string, body: z.infer<typeof ImportServiceBody>) {
  const columns = settingsColumns(body);
  const authority = await db('authorities').where({ id: authorityId }).first();
  if (!authority?.ptv_organisation_id) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Your authority is not linked to a PTV organisation; ask the platform operator to link it.');
  }
  const service = await publishedService(ptv, body.ptvServiceId);
  if (service.organisationId !== authority.ptv_organisation_id) {
    throw new AppError(ErrorCode.FORBIDDEN, `The PTV service ${body.ptvServiceId} belongs to another organisation.`, ptvIdField('Another organisation\'s service.'));
  }
  const taken = await db('permit_services').where({ id: body.serviceId }).orWhere({ ptv_service_id: body.ptvServiceId }).first();
  if (taken) {
    const field = taken.id === body.serviceId ? 'serviceId' : 'ptvServiceId';
    throw new AppError(ErrorCode.ALREADY_EXISTS, `The service is already in the catalogue as ${taken.id}.`, { fields: [{ path: field, message: 'Already imported.' }] });
  }
  const now = new Date();
  try {
    const [row] = await db('permit_services').insert({
      ...DEFAULTS,
      ...columns,
      id: body.serviceId,
      authority_id: authorityId,
      names: JSON.stringify(complete(service.names)),
      descriptions: JSON.stringify(complete(service.descriptions)),
      ptv_service_id: service.id,
      ptv_organisation_id: service.organisationId,
      publishing_status: service.publishingStatus,
      ptv_modified: service.modified,
      synced_at: now,
    }).returning('*');
    return row;
  } catch (err) {
    // Another import of the same service got there first.
    if ((err as { code?: string }).code === '23505') throw new AppError(ErrorCode.ALREADY_EXISTS, 'The service is already in the catalogue.');
    throw err;
  }
}
