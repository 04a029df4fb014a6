import { existsSync } from 'node:fs';
import { KithError } from '../errors/index.js';

/** Runtime settings, from the environment (and a `.env` file). */
export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly demo: boolean;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  readonly logLevel: string;
  /** SMTP for the workflow action "email": KITH_SMTP_URL (smtp:// or smtps://) and KITH_MAIL_FROM. */
  readonly mail?: { readonly url: string; readonly from: string };
}

/** Reads settings; a `.env` in the working directory is loaded first (real environment wins). */
export function readSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const envFile = `${cwd}/.env`;
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KithError({ code: 'KITH_CONFIG_PORT', status: 500, message: `PORT "${env.PORT}" is not a port number (0–65535).` });
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? 'sqlite:./data/kith.db',
    demo: (env.KITH_DEMO ?? 'true').toLowerCase() !== 'false',
    ...(env.KITH_ADMIN_EMAIL ? { adminEmail: env.KITH_ADMIN_EMAIL } : {}),
    ...(env.KITH_ADMIN_PASSWORD ? { adminPassword: env.KITH_ADMIN_PASSWORD } : {}),
    logLevel: env.LOG_LEVEL ?? 'info',
    ...mailSettings(env),
  };
}

function mailSettings(env: NodeJS.ProcessEnv): { mail?: { url: string; from: string } } {
  const url = env.KITH_SMTP_URL;
  if (!url) return {};
  if (!/^smtps?:\/\/[^\s]+$/.test(url)) {
    throw new KithError({ code: 'KITH_CONFIG_SMTP', status: 500, message: `KITH_SMTP_URL must look like smtp://user:password@mail.example.com:587 (or smtps:// for implicit TLS).` });
  }
  const from = env.KITH_MAIL_FROM;
  if (!from || !/^[^\s@<>]+@[^\s@<>]+$|^.+<[^\s@<>]+@[^\s@<>]+>$/.test(from)) {
    throw new KithError({ code: 'KITH_CONFIG_MAIL_FROM', status: 500, message: 'KITH_SMTP_URL is set, so KITH_MAIL_FROM must be the sender address, e.g. crm@example.com or "Kith CRM <crm@example.com>".' });
  }
  return { mail: { url, from } };
}
