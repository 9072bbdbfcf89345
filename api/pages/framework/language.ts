import type { Request, Response } from 'express';
import type { Language } from '../../../workflows/application/messages';
import { readCookie } from '../../session/cookie';
import { PAGE_LANGUAGES } from './i18n';

/** The cookie that keeps a language chosen with `?lang=`. */
export const LANGUAGE_COOKIE = 'lang';
const YEAR_MS = 365 * 24 * 3600_000;

const isLanguage = (value: unknown): value is Language => PAGE_LANGUAGES.includes(value as Language);

/**
 * The page language: `?lang=` (kept in the `lang` cookie), else the cookie of an earlier choice, else the
 * session's language, else the browser's Accept-Language, else Finnish.
 */
export function pageLanguage(req: Request, res: Response, secure: boolean): Language {
  const asked = req.query.lang;
  if (isLanguage(asked)) {
    res.cookie(LANGUAGE_COOKIE, asked, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: YEAR_MS });
    return asked;
  }
  const kept = readCookie(req, LANGUAGE_COOKIE);
  if (isLanguage(kept)) return kept;
  if (req.session && isLanguage(req.session.language)) return req.session.language;
  const accepted = req.acceptsLanguages(...PAGE_LANGUAGES);
  return isLanguage(accepted) ? accepted : 'fi';
}
