import { z } from 'zod';
import { parseEnv } from '../../infra/config/env';

/** The dev server's Web UI (`npm start`); production names its own UI, or none. */
export const DEV_TEMPORAL_UI_ORIGIN = 'http://localhost:8233';

const codecShape = {
  /** The origin of the Temporal Web UI allowed to call /codec with an operator's cookie (CORS); `none` allows no other origin. */
  TEMPORAL_UI_ORIGIN: z.union([z.literal('none'), z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)]).optional(),
};

/** The Web UI origin /codec answers across origins, or null; production has no default. */
export function loadCodecConfig(env: NodeJS.ProcessEnv = process.env): { uiOrigin: string | null } {
  const { TEMPORAL_UI_ORIGIN: origin } = parseEnv(codecShape, env);
  if (origin === 'none') return { uiOrigin: null };
  return { uiOrigin: origin ?? (env.LUPAFLOW_ENV === 'production' ? null : DEV_TEMPORAL_UI_ORIGIN) };
}
