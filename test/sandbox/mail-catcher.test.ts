/** [#6] The sandbox mail catcher: what it is sent over SMTP, its HTTP API lists and forgets. */
import nodemailer from 'nodemailer';
import { startMailCatcher, type CaughtMessage, type RunningMailCatcher } from '../../sandbox/mail';

describe('[#6] The sandbox mail catcher', () => {
  let catcher: RunningMailCatcher;
  beforeAll(async () => { catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 }); });
  afterAll(async () => catcher?.stop());

  const list = async (): Promise<CaughtMessage[]> => (await fetch(`${catcher.httpUrl}/messages`)).json() as Promise<CaughtMessage[]>;
  const send = (subject: string) => nodemailer.createTransport(catcher.smtpUrl).sendMail({
    from: 'Lupaflow <noreply@lupaflow.test>', to: 'kirjaamo@lvv.fi', subject, text: 'Hei!\nLinkki: http://localhost:3000/applications/1\n',
  });

  it('lists what it was sent (envelope, subject, text) and forgets it on DELETE', async () => {
    await send('Ensimmäinen');
    expect(await list()).toEqual([expect.objectContaining({
      to: ['kirjaamo@lvv.fi'], from: 'noreply@lupaflow.test', subject: 'Ensimmäinen', text: 'Hei!\nLinkki: http://localhost:3000/applications/1\n', date: expect.any(String),
    })]);
    expect((await fetch(`${catcher.httpUrl}/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(await list()).toEqual([]);
  });

  it('plays a relay outage: refuses with 421 while unavailable, and takes mail again after', async () => {
    catcher.setUnavailable(true);
    await expect(send('Katkon aikana')).rejects.toMatchObject({ responseCode: 421 });
    catcher.setUnavailable(false);
    await send('Katkon jälkeen');
    expect((await list()).map((m) => m.subject)).toEqual(['Katkon jälkeen']);
  });

  it('refuses to start in production', async () => {
    await expect(startMailCatcher({ smtpPort: 0, httpPort: 0, production: true })).rejects.toThrow(/production/);
  });
});
