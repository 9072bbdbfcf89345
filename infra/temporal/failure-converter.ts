import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces can quote personal data, so they go through the payload codec
 * too. Loaded by path (DataConverter.failureConverterPath), also inside the workflow bundle.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
