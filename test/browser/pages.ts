/**
 * Every page of the portals, in one list: the accessibility test visits each one (desktop and phone), and
 * checks that the list covers every GET route the page routers serve. A new page = one line here.
 */
import type { Express } from 'express';

/** The data the pages are shown with, made through the API before the visits (test/browser/fixtures.ts). */
export interface PageFixtures {
  /** A complete draft of the applicant's (ymparistolupa), which the authority may see with the applicant's consent. */
  draftId: string;
  /** A submitted case the authority (lvv) has asked a supplement for. */
  supplementId: string;
  /** A decided case. */
  decidedId: string;
  /** A project of the applicant's. */
  projectId: string;
  /** A permit-need survey. */
  surveyId: string;
}

export interface PageVisit {
  /** Screenshot name (test-artifacts/screenshots/a11y-<name>-<desktop|phone>.png). */
  name: string;
  /** The Express route of the page, as the router declares it. */
  route: string;
  /** Who looks at it: nobody logged in, the applicant (Tessa), or an official of lvv (Paavo, handler and decider). */
  who: 'anonymous' | 'applicant' | 'official';
  path: (f: PageFixtures) => string;
  /** The status the page answers with (error pages). */
  status?: number;
}

export const PAGES: PageVisit[] = [
  { name: 'front', route: '/', who: 'anonymous', path: () => '/' },
  { name: 'front-applicant', route: '/', who: 'applicant', path: () => '/?lang=sv' },
  { name: 'accessibility', route: '/accessibility', who: 'anonymous', path: () => '/accessibility?lang=en' },
  { name: 'not-found', route: '(error page)', who: 'anonymous', path: () => '/no-such-page', status: 404 },
  { name: 'services', route: '/services', who: 'anonymous', path: () => '/services' },
  { name: 'survey', route: '/survey', who: 'anonymous', path: (f) => `/survey?id=${f.surveyId}` },
  { name: 'acting-for', route: '/acting-for', who: 'applicant', path: () => '/acting-for' },
  { name: 'contact', route: '/contact', who: 'applicant', path: () => '/contact' },
  { name: 'projects', route: '/projects', who: 'applicant', path: () => '/projects' },
  { name: 'project-new', route: '/projects/new', who: 'applicant', path: () => '/projects/new' },
  { name: 'project', route: '/projects/:id', who: 'applicant', path: (f) => `/projects/${f.projectId}` },
  { name: 'project-edit', route: '/projects/:id/edit', who: 'applicant', path: (f) => `/projects/${f.projectId}/edit` },
  { name: 'application-draft', route: '/applications/:id', who: 'applicant', path: (f) => `/applications/${f.draftId}` },
  { name: 'application-decided', route: '/applications/:id', who: 'applicant', path: (f) => `/applications/${f.decidedId}` },
  { name: 'application-form', route: '/applications/:id/form', who: 'applicant', path: (f) => `/applications/${f.draftId}/form` },
  { name: 'application-attachments', route: '/applications/:id/attachments', who: 'applicant', path: (f) => `/applications/${f.draftId}/attachments` },
  { name: 'application-supplement', route: '/applications/:id/supplement', who: 'applicant', path: (f) => `/applications/${f.supplementId}/supplement` },
  { name: 'official-queue', route: '/official', who: 'official', path: () => '/official' },
  { name: 'official-case-draft', route: '/official/cases/:id', who: 'official', path: (f) => `/official/cases/${f.draftId}?lang=en` },
  { name: 'official-case-supplement', route: '/official/cases/:id', who: 'official', path: (f) => `/official/cases/${f.supplementId}` },
  { name: 'official-case-decided', route: '/official/cases/:id', who: 'official', path: (f) => `/official/cases/${f.decidedId}?lang=sv` },
];

/** Routes the pages router serves that are not pages a person reads (files, redirects into the IdPs). */
const NOT_PAGES = [/^\/assets/];

/**
 * The GET routes of the page routers: found as the router that serves `/accessibility` (the framework's
 * own page), walked with the routers mounted in it.
 */
export function pageRoutes(app: Express): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const routes = (stack: Layer[]): string[] =>
    stack.flatMap((l) => (l.route ? (l.route.methods.get ? [l.route.path] : []) : routes(l.handle?.stack ?? [])));
  const find = (stack: Layer[]): Layer[] | undefined => {
    for (const layer of stack) {
      const inner = layer.handle?.stack;
      if (!inner) continue;
      if (inner.some((l) => l.route?.path === '/accessibility')) return inner;
      const deeper = find(inner);
      if (deeper) return deeper;
    }
    return undefined;
  };
  const pages = find((app as unknown as { router: { stack: Layer[] } }).router.stack);
  if (!pages) throw new Error('no page router (one serving /accessibility) is mounted in the app');
  return [...new Set(routes(pages))].filter((r) => !NOT_PAGES.some((re) => re.test(r)));
}
