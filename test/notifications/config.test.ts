/** [#6] Settings of the notifications and of the codec endpoint: development defaults, production refusals. */
import { loadMailConfig, SANDBOX_SMTP_URL } from '../../activities/notifications';
import { loadCodecConfig } from '../../api/codec/config';
import { configProblems as problems } from '../support/config-problems';

describe('[#6] Notification and codec settings', () => {
  it('sends through the sandbox mail catcher in development', () => {
    expect(loadMailConfig({})).toMatchObject({ SMTP_URL: SANDBOX_SMTP_URL, MAIL_FROM: expect.stringContaining('@') });
    expect(loadCodecConfig({})).toEqual({ uiOrigin: 'http://localhost:8233' });
  });

  it('makes production name its own relay and sender, one line per variable', () => {
    expect(problems(() => loadMailConfig({ LUPAFLOW_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^SMTP_URL is missing: /), expect.stringMatching(/^MAIL_FROM is missing: /),
    ]);
    expect(loadMailConfig({ LUPAFLOW_ENV: 'production', SMTP_URL: 'smtps://relay.example.fi:465', MAIL_FROM: 'Lupapalvelu <noreply@example.fi>' }).SMTP_URL)
      .toBe('smtps://relay.example.fi:465');
  });

  it('names a bad value without printing it', () => {
    const found = problems(() => loadMailConfig({ SMTP_URL: 'http://user:secret@relay.example.fi', MAIL_FROM: 'nobody' }));
    expect(found).toEqual([expect.stringMatching(/^SMTP_URL is invalid/), expect.stringMatching(/^MAIL_FROM is invalid/)]);
    expect(found.join('\n')).not.toContain('secret');
  });

  it('lets production allow no Web UI origin unless it names one', () => {
    expect(loadCodecConfig({ LUPAFLOW_ENV: 'production' })).toEqual({ uiOrigin: null });
    expect(loadCodecConfig({ LUPAFLOW_ENV: 'production', TEMPORAL_UI_ORIGIN: 'https://temporal.example.fi/ui' })).toEqual({ uiOrigin: 'https://temporal.example.fi' });
    expect(loadCodecConfig({ TEMPORAL_UI_ORIGIN: 'none' })).toEqual({ uiOrigin: null });
    expect(problems(() => loadCodecConfig({ TEMPORAL_UI_ORIGIN: 'localhost:8233' }))).toEqual([expect.stringMatching(/^TEMPORAL_UI_ORIGIN is invalid/)]);
  });
});
