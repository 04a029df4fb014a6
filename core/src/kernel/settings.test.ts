import { describe, expect, it } from 'vitest';
import { readSettings } from './settings.js';

describe('settings from the environment', () => {
  it('has no mail unless KITH_SMTP_URL is set, and then needs a sender', () => {
    expect(readSettings({}, '/nonexistent').mail).toBeUndefined();
    expect(readSettings({ KITH_SMTP_URL: 'smtp://u:p@mail.example.com:587', KITH_MAIL_FROM: 'Kith CRM <crm@example.com>' }, '/nonexistent').mail).toEqual({
      url: 'smtp://u:p@mail.example.com:587',
      from: 'Kith CRM <crm@example.com>',
    });
    expect(() => readSettings({ KITH_SMTP_URL: 'smtp://mail.example.com' }, '/nonexistent')).toThrow(/KITH_MAIL_FROM must be the sender address/);
    expect(() => readSettings({ KITH_SMTP_URL: 'http://mail.example.com', KITH_MAIL_FROM: 'a@b.c' }, '/nonexistent')).toThrow(/KITH_SMTP_URL must look like smtp:/);
  });
});
