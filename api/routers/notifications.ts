import { z } from 'zod';
import { RouteTable } from '../openapi/route';
import { CaseParams, Language } from '../openapi/schemas';
import { anyCase } from './cases';
import type { RouterDeps } from './deps';

const NotificationSchema = z.object({
  template: z.enum(['submission', 'supplement_request', 'decision', 'deadline_near']),
  recipientKind: z.enum(['authority', 'applicant']),
  recipientHash: z.string().nullable(),
  language: Language,
  status: z.enum(['pending', 'sent', 'skipped', 'failed']),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
}).openapi('Notification');

/** Operators read a case's notification log (no addresses: keyed hashes only). Usage-logged. */
export function notificationRoutes(deps: RouterDeps): RouteTable {
  return new RouteTable().add({
    method: 'get', path: '/api/v1/operator/cases/:id/notifications', tag: 'Operator', access: 'operator', params: CaseParams,
    summary: 'The case\'s e-mail notifications, oldest first: template, recipient (as a keyed hash), language, status, attempts, error code.',
    response: { status: 200, description: 'The notifications.', schema: z.object({ notifications: z.array(NotificationSchema) }) },
  }, async ({ req, params }) => {
    await anyCase(deps, params.id);
    const notifications = await deps.notificationLog.forCase(params.id);
    await deps.usageLog.record(req, 'operator.notifications', [params.id], 'operations');
    return { notifications };
  });
}
