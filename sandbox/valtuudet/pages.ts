const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The selection UI: a plain form listing the delegate's principals; choosing posts back to /oauth/authorize. */
export function selectionPage(o: { mode: 'hpa' | 'ypa'; fields: Record<string, string>; choices: { id: string; name: string }[] }): string {
  const hidden = Object.entries(o.fields).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('\n');
  const what = o.mode === 'ypa' ? 'the company or organisation' : 'the person';
  const list = o.choices.length === 0
    ? `<p>You may not act for anyone here.</p>`
    : o.choices.map((c) => `<label><input type="radio" name="principal" value="${escape(c.id)}"> ${escape(c.name)} (${escape(c.id)})</label><br>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Suomi.fi e-Authorizations (sandbox)</title></head>
<body><h1>Choose ${what} you act for</h1>
<form method="post" action="/oauth/authorize">
${hidden}
${list}
<button type="submit" name="action" value="select">Continue</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form></body></html>`;
}
