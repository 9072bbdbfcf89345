/**
 * The search attributes a case should carry, and which of them changed since the last upsert. Each
 * upsert costs the Temporal server a visibility write, so a transition upserts only what changed.
 * Pure code.
 */
import { SearchAttributeType, type SearchAttributeUpdatePair, type TypedSearchAttributes } from '@temporalio/common';
import { SA } from '../search-attributes';
import { searchableDeadline } from './deadlines';
import { iso, type CaseState } from './state';

/** Every search attribute of a case as a comparable string (datetimes as ISO 8601), null when unset. */
export type SearchValues = Record<keyof typeof SA, string | null>;

const KEYS = Object.keys(SA) as (keyof typeof SA)[];

/** What the case's search attributes should be now. */
export function searchValuesOf(state: CaseState): SearchValues {
  const { principal, serviceId } = state.input;
  const deadline = searchableDeadline(state);
  return {
    service: serviceId,
    authority: state.service?.authorityId ?? null,
    status: state.status,
    organisation: principal?.kind === 'organisation' ? principal.businessId : null,
    submittedAt: state.submission?.submittedAt ?? null,
    deadline: deadline === null ? null : iso(deadline),
  };
}

/** The values the workflow was started with (the API sets some at start, tests may set none). */
export function searchValuesAtStart(attributes: TypedSearchAttributes): SearchValues {
  const values = {} as SearchValues;
  for (const name of KEYS) {
    const value: unknown = attributes.get(SA[name]);
    values[name] = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null;
  }
  return values;
}

/** The upsert that takes the attributes from `from` to `to`: only the keys that differ (null removes one). */
export function searchAttributeChanges(from: SearchValues, to: SearchValues): SearchAttributeUpdatePair[] {
  return KEYS.filter((name) => from[name] !== to[name]).map((name) => {
    const key = SA[name];
    const value = to[name];
    return { key, value: value !== null && key.type === SearchAttributeType.DATETIME ? new Date(value) : value } as SearchAttributeUpdatePair;
  });
}
