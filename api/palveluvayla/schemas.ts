import { z } from 'zod';

/** One message of a case's exchange with its authority system, as operators see it (the disclosure log). */
export const ExchangeMessageSchema = z.object({
  id: z.string().describe('The X-Road-Id.'),
  applicationId: z.string(),
  direction: z.enum(['outbound', 'inbound']),
  type: z.string(),
  party: z.string().describe('The authority service (outbound) or client (inbound).'),
  bodySha256: z.string(),
  status: z.enum(['pending', 'delivered', 'failed', 'received', 'applied', 'refused']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
