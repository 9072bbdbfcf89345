import type { Language, LocalizedText } from '../../workflows/application/messages';

/** What a notification is about; also its template name in the log. */
export type Template = 'submission' | 'supplement_request' | 'decision' | 'deadline_near';

/** What a text may say: the case number, the service, a date and the link; never the form's contents. */
export interface TemplateValues {
  applicationId: string;
  serviceNames: LocalizedText;
  link: string;
  /** supplement_request and deadline_near: the date the applicant must act by. */
  deadline?: string;
  /** deadline_near: which deadline. */
  deadlineKind?: 'SUPPLEMENT' | 'DRAFT_EXPIRY';
}

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const date = (iso: string | undefined, language: Language) =>
  iso ? new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(new Date(iso)) : '';

type Render = (v: TemplateValues, when: string, service: string) => { subject: string; body: string };

const TEXTS: Record<Template, Record<Language, Render>> = {
  submission: {
    fi: (v, _w, s) => ({ subject: `Uusi hakemus ${v.applicationId}`, body: `Teille on jätetty uusi hakemus ${v.applicationId} (${s}).` }),
    sv: (v, _w, s) => ({ subject: `Ny ansökan ${v.applicationId}`, body: `En ny ansökan ${v.applicationId} (${s}) har lämnats in till er.` }),
    en: (v, _w, s) => ({ subject: `New application ${v.applicationId}`, body: `A new application ${v.applicationId} (${s}) has been submitted to you.` }),
  },
  supplement_request: {
    fi: (v, w) => ({ subject: `Hakemukseenne ${v.applicationId} pyydetään täydennystä`, body: `Viranomainen pyytää täydentämään hakemusta ${v.applicationId}. Vastatkaa viimeistään ${w}.` }),
    sv: (v, w) => ({ subject: `Komplettering av er ansökan ${v.applicationId} begärs`, body: `Myndigheten ber er komplettera ansökan ${v.applicationId}. Svara senast ${w}.` }),
    en: (v, w) => ({ subject: `Your application ${v.applicationId} needs more information`, body: `The authority asks you to supplement application ${v.applicationId}. Please answer by ${w}.` }),
  },
  decision: {
    fi: (v) => ({ subject: `Hakemukseenne ${v.applicationId} on tehty päätös`, body: `Hakemukseenne ${v.applicationId} on tehty päätös.` }),
    sv: (v) => ({ subject: `Beslut om er ansökan ${v.applicationId}`, body: `Ett beslut har fattats om er ansökan ${v.applicationId}.` }),
    en: (v) => ({ subject: `A decision on your application ${v.applicationId}`, body: `A decision has been made on your application ${v.applicationId}.` }),
  },
  deadline_near: {
    fi: (v, w) => ({
      subject: `Määräaika lähestyy: ${v.applicationId}`,
      body: v.deadlineKind === 'DRAFT_EXPIRY'
        ? `Hakemusluonnoksenne ${v.applicationId} vanhenee ${w}, jos ette tallenna tai lähetä sitä.`
        : `Täydennyspyynnön määräaika hakemuksessa ${v.applicationId} päättyy ${w}.`,
    }),
    sv: (v, w) => ({
      subject: `Tidsfristen närmar sig: ${v.applicationId}`,
      body: v.deadlineKind === 'DRAFT_EXPIRY'
        ? `Ert ansökningsutkast ${v.applicationId} förfaller ${w} om ni inte sparar eller skickar det.`
        : `Tidsfristen för kompletteringen av ansökan ${v.applicationId} går ut ${w}.`,
    }),
    en: (v, w) => ({
      subject: `Deadline near: ${v.applicationId}`,
      body: v.deadlineKind === 'DRAFT_EXPIRY'
        ? `Your draft application ${v.applicationId} expires on ${w} unless you save or submit it.`
        : `The deadline to supplement application ${v.applicationId} ends on ${w}.`,
    }),
  },
};

const FOOTER: Record<Language, (link: string) => string> = {
  fi: (link) => `Katso hakemus: ${link}\n\nTähän viestiin ei voi vastata.`,
  sv: (link) => `Se ansökan: ${link}\n\nDet går inte att svara på detta meddelande.`,
  en: (link) => `See the application: ${link}\n\nThis message cannot be replied to.`,
};

/** A notification's subject and plain text in `language`. */
export function render(template: Template, language: Language, values: TemplateValues): { subject: string; text: string } {
  const { subject, body } = TEXTS[template][language](values, date(values.deadline, language), values.serviceNames[language]);
  return { subject, text: `${body}\n\n${FOOTER[language](values.link)}\n` };
}
