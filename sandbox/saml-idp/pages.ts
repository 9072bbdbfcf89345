import { escapeXml as esc } from './saml-xml';
import type { IdpProfile } from './profiles';

type Lang = 'fi' | 'sv' | 'en';

const TEXT = {
  choose: { fi: 'Valitse testikäyttäjä', sv: 'Välj testanvändare', en: 'Choose a test user' },
  method: { fi: 'Tunnistustapa', sv: 'Identifieringsmetod', en: 'Authentication method' },
  submit: { fi: 'Tunnistaudu', sv: 'Identifiera dig', en: 'Log in' },
  notice: {
    fi: 'Tämä on kehitysympäristön testipalvelu. Henkilöt ovat testihenkilöitä.',
    sv: 'Detta är en testtjänst för utvecklingsmiljön. Personerna är testpersoner.',
    en: 'This is a development test service. The people listed are test persons.',
  },
  continue: { fi: 'Jatka', sv: 'Fortsätt', en: 'Continue' },
  loggedOut: { fi: 'Olet kirjautunut ulos.', sv: 'Du har loggat ut.', en: 'You have logged out.' },
};

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
fieldset{border:1px solid #555;margin:1rem 0;padding:.5rem 1rem}label{display:block;padding:.25rem 0}
button{font-size:1rem;padding:.5rem 1.5rem;background:#003479;color:#fff;border:0;border-radius:4px}
button:focus,input:focus,select:focus{outline:3px solid #ffbf47;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The accessible selection page: a radio group of test users, and for Suomi.fi the authentication method. */
export function selectionPage(profile: IdpProfile, lang: Lang, ticket: string, action: string): string {
  const users = profile.users
    .map((u, i) => `<label><input type="radio" name="user" value="${esc(u.id)}"${i === 0 ? ' checked' : ''}> ${esc(u.label)}</label>`)
    .join('\n');
  const methods = profile.methods.length
    ? `<p><label for="method">${TEXT.method[lang]}</label><select id="method" name="method">${profile.methods
        .map((m) => `<option value="${esc(m.id)}"${m.id === 'mobile-id' ? ' selected' : ''}>${esc(m.label[lang])}</option>`)
        .join('')}</select></p>`
    : '';
  return page(
    lang,
    profile.title[lang],
    `<h1>${esc(profile.title[lang])}</h1><p>${TEXT.notice[lang]}</p>
<form method="post" action="${esc(action)}"><input type="hidden" name="ticket" value="${esc(ticket)}">
<fieldset><legend>${TEXT.choose[lang]}</legend>${users}</fieldset>${methods}
<button type="submit">${TEXT.submit[lang]}</button></form>`,
  );
}

/** The HTTP-POST binding: a form that the browser submits to the SP at once. */
export function autoPostPage(lang: Lang, action: string, fields: Record<string, string | undefined>): string {
  const inputs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v!)}">`)
    .join('');
  return page(
    lang,
    TEXT.continue[lang],
    `<form method="post" action="${esc(action)}">${inputs}<noscript><button type="submit">${TEXT.continue[lang]}</button></noscript></form>
<script>document.forms[0].submit()</script>`,
  );
}

/** Shown after the IdP has handled an SP-initiated logout that came without a way back. */
export function loggedOutPage(lang: Lang): string {
  return page(lang, TEXT.loggedOut[lang], `<h1>${TEXT.loggedOut[lang]}</h1>`);
}
