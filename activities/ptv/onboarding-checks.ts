import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { RepresentationRule } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import type { OnboardingCheck, OnboardingChecklist } from '../../workflows/onboarding/messages';
import { PtvRequestRefused, PtvUnavailable, type PtvCatalogueApi, type PtvChannel, type PtvService } from './catalogue-api';
import { findPlatformChannel } from './platform-channel';
import { checkXroadMetadata, type XroadMetadataSettings } from './xroad-metadata';

export interface OnboardingSettings {
  /** The PTV organisation that owns the platform's e-service channel. */
  organisationId: string;
  publicBaseUrl: string;
  xroad: XroadMetadataSettings;
}

interface ServiceRow {
  id: string;
  ptv_service_id: string | null;
  handling_mode: 'portal' | 'xroad';
  xroad_service: string | null;
  representation: RepresentationRule;
}

const PTV_DOWN = 'Nothing for you to change: the check runs again later. If this goes on, tell the platform operator.';
const CONNECT = 'Connect the service to the channel in PTV, or ask the platform to do it (POST /api/v1/admin/onboarding/connect-channel).';
const pass = (check: OnboardingCheck['check'], subject: string | null, finding: string): OnboardingCheck => ({ check, subject, passed: true, finding, whatToDo: null });
const fail = (check: OnboardingCheck['check'], subject: string | null, finding: string, whatToDo: string): OnboardingCheck => ({ check, subject, passed: false, finding, whatToDo });

/**
 * PTV's answer, or why it could not be read: an outage of PTV is a finding of the checklist, so that
 * an administrator's re-check answers at once instead of waiting for PTV through the activity's retries.
 */
async function readPtv<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; why: string }> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    if (err instanceof PtvUnavailable || err instanceof PtvRequestRefused) return { ok: false, why: err.message };
    throw err;
  }
}

/** Builds `runOnboardingChecks`: every check of one authority's onboarding, read-only. */
export function createOnboardingChecks(db: Knex, ptv: PtvCatalogueApi, settings: OnboardingSettings) {
  /** (a) Published in PTV with names in Finnish and Swedish. */
  async function published(row: ServiceRow): Promise<{ check: OnboardingCheck; seen: PtvService | null }> {
    if (!row.ptv_service_id) {
      return { seen: null, check: fail('ptv-published', row.id, 'The service is not linked to a PTV service.', 'Describe the service in PTV and import it by its PTV id (POST /api/v1/admin/services).') };
    }
    const seen = await ptv.service(row.ptv_service_id);
    if (!seen) {
      // Without the API user's rights PTV refuses the latest version: the finding then names no status.
      const latest = await ptv.latestService(row.ptv_service_id).catch((err) => {
        if (err instanceof PtvRequestRefused) return null;
        throw err;
      });
      const state = latest ? `its latest version is ${latest.publishingStatus}` : 'PTV does not know it or has archived it';
      return { seen, check: fail('ptv-published', row.id, `PTV does not publish the service ${row.ptv_service_id}: ${state}.`, 'Complete the service description in PTV and publish it.') };
    }
    const missing = (['fi', 'sv'] as const).filter((l) => !seen.names[l]);
    if (missing.length > 0) {
      return { seen, check: fail('ptv-published', row.id, `The service has no name in ${missing.map((l) => (l === 'fi' ? 'Finnish' : 'Swedish')).join(' or ')}.`, 'Add the service\'s name in Finnish and Swedish in PTV and publish it.') };
    }
    return { seen, check: pass('ptv-published', row.id, 'Described and published in PTV in Finnish and Swedish.') };
  }

  /** (b) Connected to the platform's e-service channel. */
  function connected(row: ServiceRow, seen: PtvService | null, channel: PtvChannel | null): OnboardingCheck {
    if (!channel) return fail('ptv-channel', row.id, 'The e-service channel of Luvat ja valvonta does not exist in PTV yet.', CONNECT);
    if (!seen) return fail('ptv-channel', row.id, 'The connection cannot be checked before the service is published in PTV.', 'Publish the service in PTV first.');
    if (!seen.channelIds.includes(channel.id)) return fail('ptv-channel', row.id, 'The service is not connected to the e-service channel of Luvat ja valvonta.', CONNECT);
    return pass('ptv-channel', row.id, 'Connected to the e-service channel of Luvat ja valvonta.');
  }

  function representation(row: ServiceRow): OnboardingCheck {
    const rule = row.representation;
    return rule.organisationRoles.length + rule.issueUris.length > 0
      ? pass('representation', row.id, `Representatives are entitled by ${[...rule.organisationRoles, ...rule.issueUris].join(', ')}.`)
      : fail('representation', row.id, 'Nobody may act for an organisation or another person in this service.', 'Set the roles or e-Authorizations issues that entitle a representative (PUT /api/v1/admin/services/{serviceId}).');
  }

  /** (a) and (b) while PTV cannot be read: failed, and nothing for the authority to change. */
  const unreadable = (row: ServiceRow, why: string): OnboardingCheck[] => [
    fail('ptv-published', row.id, `PTV could not be read: ${why}`, PTV_DOWN),
    fail('ptv-channel', row.id, 'The connection cannot be checked while PTV cannot be read.', PTV_DOWN),
  ];

  async function xroadMetadata(row: ServiceRow): Promise<OnboardingCheck> {
    const answer = await checkXroadMetadata(settings.xroad, row.xroad_service as string);
    return answer.ok
      ? pass('xroad-metadata', row.id, `The X-Road service ${row.xroad_service} answers its metadata call.`)
      : fail('xroad-metadata', row.id, answer.finding, answer.whatToDo);
  }

  return async function runOnboardingChecks(authorityId: string): Promise<OnboardingChecklist> {
    const authority = await db('authorities').where({ id: authorityId }).first();
    if (!authority) throw ApplicationFailure.nonRetryable(`There is no authority ${authorityId}.`, ErrorCode.NOT_FOUND);
    const rows: ServiceRow[] = await db('permit_services')
      .select('id', 'ptv_service_id', 'handling_mode', 'xroad_service', 'representation')
      .where({ authority_id: authorityId }).orderBy('id');
    const channel = await readPtv(() => findPlatformChannel(ptv, settings.organisationId, settings.publicBaseUrl));

    const checks: OnboardingCheck[] = [authority.virtu_home_organization
      ? pass('virtu-login', null, `Officials log in with Virtu from the home organisation ${authority.virtu_home_organization}.`)
      : fail('virtu-login', null, 'The authority has no Virtu home organisation: its officials cannot log in.', 'Tell the platform operator your Virtu home organisation (e.g. virasto.fi).')];
    if (rows.length === 0) {
      checks.push(fail('ptv-published', null, 'The authority has no permit services in the platform.', 'Import your permit services from PTV (POST /api/v1/admin/services).'));
    }
    for (const row of rows) {
      if (!channel.ok) checks.push(...unreadable(row, channel.why));
      else {
        const found = await readPtv(() => published(row));
        checks.push(...(found.ok ? [found.value.check, connected(row, found.value.seen, channel.value)] : unreadable(row, found.why)));
      }
      checks.push(representation(row));
      if (row.handling_mode === 'xroad') checks.push(await xroadMetadata(row));
    }
    return { authorityId, checkedAt: new Date().toISOString(), complete: checks.every((c) => c.passed), checks };
  };
}
