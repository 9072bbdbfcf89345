import pino from 'pino';

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
});

export type Logger = typeof logger;
