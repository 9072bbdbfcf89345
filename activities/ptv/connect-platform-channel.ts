import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { ErrorCode } from '../../workflows/error-codes';
import { PtvRequestRefused, PtvUnavailable, type PtvCatalogueApi } from './catalogue-api';
import type { OnboardingSettings } from './onboarding-checks';
import { ensurePlatformChannel } from './platform-channel';

/**
 * Builds `connectPlatformChannel`: creates the platform's e-service channel in PTV if missing and
 * connects each of the authority's published services to it. Idempotent: the channel is found by its
 * web page and a connection already there is left as it is, so a retry writes nothing twice.
 */
export function createConnectPlatformChannel(db: Knex, ptv: PtvCatalogueApi, settings: Pick<OnboardingSettings, 'organisationId' | 'publicBaseUrl'>) {
  return async function connectPlatformChannel(authorityId: string): Promise<{ channelId: string; connected: string[] }> {
    try {
      const channel = await ensurePlatformChannel(ptv, settings.organisationId, settings.publicBaseUrl);
      const rows: { id: string; ptv_service_id: string }[] = await db('permit_services')
        .select('id', 'ptv_service_id').where({ authority_id: authorityId }).whereNotNull('ptv_service_id').orderBy('id');
      const connected: string[] = [];
      for (const row of rows) {
        // Only what PTV publishes can be connected; the checklist says what to do about the rest.
        if (!(await ptv.service(row.ptv_service_id))) continue;
        await ptv.connect(row.ptv_service_id, channel.id);
        connected.push(row.id);
      }
      return { channelId: channel.id, connected };
    } catch (err) {
      if (err instanceof PtvRequestRefused) {
        throw ApplicationFailure.create({ type: ErrorCode.PTV_REQUEST_REFUSED, message: `PTV refused the change: ${err.message}`, nonRetryable: true });
      }
      if (err instanceof PtvUnavailable) {
        // Retried by the workflow's policy; the last attempt's message is what the administrator reads.
        throw ApplicationFailure.create({
          type: ErrorCode.DEPENDENCY_UNAVAILABLE,
          message: 'The Suomi.fi Service Catalogue (PTV) cannot be reached right now; what was already done stays done. Please try again shortly.',
        });
      }
      throw err;
    }
  };
}
