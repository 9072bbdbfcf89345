import pino from 'pino';
import { currentLogFields } from './telemetry/log-context';

/**
 * The one structured JSON logger. Events are snake_case; personal data (identity codes, names,
 * form content) is never logged: the redact list is a safety net, not the rule.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.LUPAFLOW_PROCESS ?? 'lupaflow' },
  redact: {
    paths: ['*.hetu', '*.nationalIdentificationNumber', '*.identityCode', '*.password', '*.apiKey', 'req.headers.cookie', 'req.headers.authorization'],
    censor: '[redacted]',
  },
  timestamp: pino.stdTimeFunctions.isoTime,
  // requestId in the API, workflowId/runId/activityType/attempt in activities (infra/telemetry/log-context.ts).
  // A copy: pino merges the line's own fields into the object the mixin returns.
  mixin: () => ({ ...currentLogFields() }),
});

export type Logger = typeof logger;
