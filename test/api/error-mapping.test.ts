import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { HTTP_STATUS, toAppError } from '../../api/errors';
import { AppError } from '../../infra/errors';
import { statusQuery } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';

describe('[#2] Mapping errors to the one error format', () => {
  it('turns an unreachable Temporal into 503 DEPENDENCY_UNAVAILABLE', async () => {
    // Port 1 on loopback: nothing listens, so the call fails the way an outage does.
    const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s' });
    const client = new Client({ connection });
    // The client retries an unreachable server for a while; a deadline ends that as a slow outage would.
    const err = await connection
      .withDeadline(Date.now() + 1500, () => client.workflow.getHandle('LV-2026-000001').query(statusQuery))
      .catch((e: unknown) => e);
    const mapped = toAppError(err);
    expect(mapped.code).toBe(ErrorCode.DEPENDENCY_UNAVAILABLE);
    expect(HTTP_STATUS[mapped.code]).toBe(503);
    await connection.close();
  });

  it('keeps the code, message and field list of a workflow validator\'s refusal', () => {
    const failure = ApplicationFailure.create({
      type: ErrorCode.VALIDATION_FAILED, message: 'deadline must be in the future.', nonRetryable: true,
      details: [{ fields: [{ path: 'deadline', message: 'must be in the future' }] }],
    });
    const mapped = toAppError(failure);
    expect(mapped).toMatchObject({ code: 'VALIDATION_FAILED', message: 'deadline must be in the future.', details: { fields: [{ path: 'deadline' }] } });
  });

  it('hides anything unexpected behind 500 INTERNAL with a generic message', () => {
    const mapped = toAppError(new Error('relation "secret_table" does not exist'));
    expect(mapped).toMatchObject({ code: 'INTERNAL', message: 'An unexpected error occurred' });
    const unknownType = toAppError(ApplicationFailure.create({ type: 'SomethingInternal', message: 'stack trace here' }));
    expect(unknownType.code).toBe('INTERNAL');
  });

  it('turns a path the router cannot percent-decode, or another exposed 4xx, into 400 VALIDATION_FAILED', () => {
    const undecodable = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400, statusCode: 400 });
    expect(toAppError(undecodable)).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The request path is not valid.' });
    expect(toAppError(Object.assign(new Error('Bad Request'), { status: 400, expose: true })).code).toBe('VALIDATION_FAILED');
    expect(toAppError(Object.assign(new Error('boom'), { status: 500, expose: false })).code).toBe('INTERNAL');
  });

  it('names each unknown field of a strict object, and each bad field by its path', () => {
    const result = z.strictObject({ form: z.strictObject({ area: z.number() }) }).safeParse({ form: { area: 'big', colour: 'red' }, extra: 1 });
    const mapped = toAppError(result.error);
    expect(mapped.code).toBe('VALIDATION_FAILED');
    expect(mapped.details.fields).toEqual(expect.arrayContaining([
      { path: 'extra', message: 'Unknown field.' },
      { path: 'form.colour', message: 'Unknown field.' },
      expect.objectContaining({ path: 'form.area' }),
    ]));
  });

  it('passes an AppError through unchanged and gives every code an HTTP status', () => {
    const err = new AppError(ErrorCode.STALE_VERSION, 'changed');
    expect(toAppError(err)).toBe(err);
    for (const code of Object.values(ErrorCode)) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
  });
});
