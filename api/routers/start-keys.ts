import type { Knex } from 'knex';

/** What an Idempotency-Key stands for: the application it started and the request that started it. */
export interface StartKeyClaim {
  subjectRef: string;
  idempotencyKey: string;
  applicationId: string;
  serviceId: string;
  requestHash: string;
}

export interface StartKeys {
  /**
   * Records `claim` unless the applicant already used the key; returns the key's record either way.
   * One statement decides, so concurrent retries with one key all get the same application id.
   */
  claim(claim: StartKeyClaim): Promise<{ applicationId: string; requestHash: string }>;
}

export function createStartKeys(db: Knex): StartKeys {
  return {
    async claim(c) {
      const key = { subject_ref: c.subjectRef, idempotency_key: c.idempotencyKey };
      const inserted = await db('application_start_keys')
        .insert({ ...key, application_id: c.applicationId, service_id: c.serviceId, request_hash: c.requestHash })
        .onConflict(['subject_ref', 'idempotency_key']).ignore()
        .returning(['application_id', 'request_hash']);
      // Keys are never deleted, so a conflicting insert always finds the row that won.
      const row = inserted[0] ?? await db('application_start_keys').where(key).first('application_id', 'request_hash');
      return { applicationId: row.application_id, requestHash: row.request_hash };
    },
  };
}
