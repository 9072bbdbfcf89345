/**
 * Attaches a small sample PDF of each attachment type a service requires (e.g. the environmental
 * permit's site plan), as an applicant does before submitting; the demo and the benchmark share it.
 */
import type { Attachment } from '../workflows/application/messages';
import type { PermitService } from '../activities/store';
import type { ApiClient } from './api-client';

/** A minimal file that starts like a PDF, as the platform checks uploads by their first bytes. */
export const SAMPLE_PDF = Buffer.from('%PDF-1.7\n% lupaflow sample attachment\n%%EOF\n');

export async function attachRequired(applicant: ApiClient, serviceId: string, applicationId: string): Promise<Attachment[]> {
  const service = await applicant.get<PermitService>(`/api/v1/services/${encodeURIComponent(serviceId)}`);
  const attached: Attachment[] = [];
  for (const type of service.attachments.types.filter((t) => t.required)) {
    const query = new URLSearchParams({ type: type.code, filename: `${type.code}.pdf` });
    attached.push(await applicant.upload<Attachment>(`/api/v1/applications/${encodeURIComponent(applicationId)}/attachments?${query}`, SAMPLE_PDF, 'application/pdf'));
  }
  return attached;
}
