import express, { type Router } from 'express';
import type { PagesDeps } from '../index';
import { actingForPages } from './acting-for';
import { applicationPages } from './application';
import { attachmentPages } from './attachments';
import { contactPages } from './contact';
import { formPages } from './form';
import { frontPages } from './front';
import { projectPages } from './projects';
import { surveyPages } from './survey';

/** The applicants' pages (parts.md paths); each calls the same operations as the JSON API. */
export function applicantPages(deps: PagesDeps): Router {
  const router = express.Router();
  for (const add of [frontPages, surveyPages, actingForPages, projectPages, applicationPages, formPages, attachmentPages, contactPages]) add(router, deps);
  return router;
}
