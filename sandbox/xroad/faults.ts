/**
 * Fault injection of a sandbox security server, set through its control endpoint: what X-Road cannot
 * promise (specs/xroad.md A8) made to happen on demand. Faults apply where the consumer's message
 * enters X-Road, to the next `times` messages that match.
 */
import { z } from 'zod';

export const FaultSpec = z.strictObject({
  /**
   * drop: never reaches the provider, the consumer gets an error; delay: reaches it late;
   * duplicate: reaches it twice; fail-after-delivery: the provider executes it, the consumer gets an error;
   * duplicate-late: reaches it, and a stray copy reaches it again `delayMs` later (a retransmission
   * arriving after the conversation has moved on).
   */
  mode: z.enum(['drop', 'delay', 'duplicate', 'fail-after-delivery', 'duplicate-late']),
  /** Only messages to this service id (default: any). */
  service: z.string().optional(),
  /** Only messages whose path contains this (default: any). */
  pathContains: z.string().optional(),
  times: z.number().int().min(1).max(100).default(1),
  delayMs: z.number().int().min(0).max(120_000).default(0),
});
export type Fault = z.infer<typeof FaultSpec> & { id: number; used: number };

/** The pending faults of one security server. */
export function createFaults() {
  let next = 1;
  let faults: Fault[] = [];
  return {
    add(spec: z.infer<typeof FaultSpec>): Fault {
      const fault = { ...spec, id: next++, used: 0 };
      faults.push(fault);
      return fault;
    },
    clear(): void { faults = []; },
    list(): Fault[] { return faults; },
    /** Takes the first fault matching a message, counting it used; undefined when none applies. */
    take(service: string, path: string): Fault | undefined {
      const fault = faults.find((f) => (!f.service || f.service === service) && (!f.pathContains || path.includes(f.pathContains)));
      if (!fault) return undefined;
      fault.used += 1;
      if (fault.used >= fault.times) faults = faults.filter((f) => f !== fault);
      return fault;
    },
  };
}
