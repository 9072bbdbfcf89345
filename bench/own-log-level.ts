/**
 * Imported first by the bench: its stdout is the report, so the launcher's own info lines (pino, on
 * stdout) are silenced in this process. The platform's processes still get the level they would under
 * `npm start`, so the figures include their logging.
 */
export const platformLogLevel = process.env.LOG_LEVEL;
process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
