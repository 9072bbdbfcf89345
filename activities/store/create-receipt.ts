import { createHash, randomUUID } from 'node:crypto';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ApplicationFailure } from '@temporalio/activity';
import { ErrorCode } from '../../workflows/error-codes';
import type { FormData, SubmissionReceipt } from '../../workflows/application/messages';
import { canonicalJson } from './canonical-json';

export interface CreateReceiptInput {
  applicationId: string;
  /** The workflow's time of the submission, so receipt and statutory clock agree. */
  submittedAt: string;
  /** What the receipt seals: the form, or a supplement's message and form. */
  content: unknown;
  /** Checked against the service's JSON Schema first; a form that does not satisfy it is refused. */
  validate?: { form: FormData; schema: Record<string, unknown> };
}

/** SHA-256 (hex) of the canonical JSON of `content`. */
export function contentSha256(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Builds the `createReceipt` activity: validates the form, then seals the content with an id and a hash. */
export function createReceiptActivity() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();

  const validatorFor = (schema: Record<string, unknown>): ValidateFunction => {
    const key = canonicalJson(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    return validate;
  };

  return async function createReceipt(input: CreateReceiptInput): Promise<SubmissionReceipt> {
    if (input.validate) {
      const validate = validatorFor(input.validate.schema);
      if (!validate(input.validate.form)) {
        const fields = (validate.errors ?? []).map((e) => {
          const leaf = e.params?.missingProperty ?? e.params?.additionalProperty;
          const pointer = `${e.instancePath}${leaf ? `/${leaf}` : ''}`;
          return { path: `form${pointer.replace(/\//g, '.')}`, message: e.message ?? 'is invalid' };
        });
        throw ApplicationFailure.create({
          type: ErrorCode.FORM_REJECTED,
          message: 'The form does not meet the requirements of the permit service.',
          nonRetryable: true,
          details: [{ fields }],
        });
      }
    }
    return {
      receiptId: randomUUID(),
      applicationId: input.applicationId,
      submittedAt: input.submittedAt,
      contentSha256: contentSha256(input.content),
    };
  };
}
