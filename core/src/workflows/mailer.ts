import nodemailer from 'nodemailer';
import { WorkflowErrors } from './workflow-errors.js';

/** What the email action needs: where to send, and from whom. */
export interface MailSettings {
  /** e.g. smtp://user:pass@mail.example.com:587 (smtps:// for implicit TLS). */
  readonly url: string;
  readonly from: string;
}

/** One message to send. */
export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Becomes the Message-ID, so a retried send is recognisable as the same message. */
  readonly idempotencyKey: string;
}

/** Sends mail over SMTP through nodemailer. */
export interface Mailer {
  readonly from: string;
  send(message: MailMessage): Promise<{ messageId: string; accepted: string[] }>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport(settings.url);
  return {
    from: settings.from,
    async send(message) {
      const info = await transport.sendMail({
        from: settings.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        messageId: `<${message.idempotencyKey.replace(/[^A-Za-z0-9._:-]/g, '-')}@kith>`,
        headers: { 'X-Kith-Idempotency-Key': message.idempotencyKey },
      });
      return { messageId: String(info.messageId), accepted: (info.accepted ?? []).map(String) };
    },
    close: () => transport.close(),
  };
}

/** The mailer, or the error that says how to configure one. */
export function requireMailer(mailer: Mailer | undefined): Mailer {
  if (!mailer) throw WorkflowErrors.mailNotConfigured();
  return mailer;
}
