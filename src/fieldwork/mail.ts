/**
 * Mail for invitations and reminders: filling a study's templates, and sending through an
 * SMTP server with nodemailer (pooled connections, a rate limit). Failures are classified as
 * permanent (the server refused the recipient: a bounce) or transient (try again later), and
 * their text is cleaned of the recipient's address before anyone stores or prints it.
 */
import nodemailer from 'nodemailer';
import type { MailTemplate } from '../questionnaire/schema.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The same for every attempt at one invitation, so a repeat is recognisable as one. */
  messageId: string;
  /** The opt-out address, also offered to mail programs as a one-click unsubscribe. */
  optOutUrl: string;
  language: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** A mail that was not accepted; `permanent` when the server refused it for good (5xx). */
export class MailFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailFailure';
  }
}

export interface MailValues {
  link: string;
  opt_out: string;
  wave: string;
  study: string;
}

/** Fills a template's placeholders in one language; unknown placeholders were refused earlier. */
export function renderMail(
  template: MailTemplate,
  language: string,
  values: MailValues,
): { subject: string; text: string } {
  const fill = (text: string): string =>
    text.replace(/\{(link|opt_out|wave|study)\}/g, (_, name: keyof MailValues) => values[name]);
  const pick = (texts: Record<string, string>): string =>
    texts[language] ?? Object.values(texts)[0] ?? '';
  // Subjects are one line whatever a value holds.
  return {
    subject: fill(pick(template.subject)).replace(/\s+/g, ' ').trim(),
    text: fill(pick(template.body)),
  };
}

/** The domain of a sender such as `Name <survey@example.org>`, for message ids. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'longitude.invalid';
}

/** Removes every occurrence of the address (any case) from a text. */
export function withoutAddress(text: string, address: string): string {
  if (address === '') return text;
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), '<recipient>');
}

export interface SmtpOptions {
  /** At most this many messages per second (nodemailer's pool rate limit). */
  perSecond: number;
  /** Parallel connections to the server. */
  connections: number;
}

/** A mailer over an SMTP server given as smtp:// or smtps:// URL. */
export function smtpMailer(url: string, options: SmtpOptions): Mailer {
  const server = new URL(url);
  const transport = nodemailer.createTransport({
    host: server.hostname,
    port: server.port === '' ? (server.protocol === 'smtps:' ? 465 : 587) : Number(server.port),
    secure: server.protocol === 'smtps:',
    ...(server.username
      ? {
          auth: {
            user: decodeURIComponent(server.username),
            pass: decodeURIComponent(server.password),
          },
        }
      : {}),
    pool: true,
    maxConnections: options.connections,
    maxMessages: Infinity,
    rateDelta: 1000,
    rateLimit: options.perSecond,
    // Time limits so a silent server fails the attempt instead of hanging the run.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          headers: {
            'Content-Language': mail.language,
            'List-Unsubscribe': `<${mail.optOutUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'Auto-Submitted': 'auto-generated',
          },
        });
        if (info.rejected.length > 0)
          throw new MailFailure(`the server refused the recipient (${info.response})`, true);
      } catch (error) {
        if (error instanceof MailFailure) throw error;
        const e = error as Error & { responseCode?: number; code?: string; response?: string };
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
        const what = e.responseCode
          ? `SMTP ${e.responseCode}: ${e.response ?? e.message}`
          : `${e.code ?? 'error'}: ${e.message}`;
        throw new MailFailure(withoutAddress(what, mail.to), permanent);
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}
