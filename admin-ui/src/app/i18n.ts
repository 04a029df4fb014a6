import { createContext, useContext } from 'react';
import type { Labels } from '../api/types.js';
import { en, es, type MessageKey } from './messages.js';

/** The UI languages. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, es };
const STORAGE_KEY = 'kith.locale';

/** The language to start in: the one chosen before, else the browser's, else English. */
export function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'es') return stored;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return browser === 'es' ? 'es' : 'en';
}

/** Remembers the chosen language. */
export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}

/** Text and formatting in one language. */
export interface I18n {
  readonly locale: Locale;
  /** UI text with `{name}` placeholders filled. */
  t(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string;
  /** A metadata label in this language, falling back to English. */
  label(labels: Labels | undefined, fallback?: string): string;
}

/** Builds the text functions of a language. */
export function makeI18n(locale: Locale): I18n {
  const messages = MESSAGES[locale];
  const number = new Intl.NumberFormat(locale);
  return {
    locale,
    t: (key, vars) => {
      const text = messages[key] ?? en[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => (vars[name] === undefined ? `{${name}}` : typeof vars[name] === 'number' ? number.format(vars[name]) : String(vars[name]))) : text;
    },
    label: (labels, fallback = '') => (labels ? (labels[locale] ?? labels.en) : fallback),
  };
}

/** The current language's text functions. */
export const I18nContext = createContext<I18n & { setLocale(locale: Locale): void }>({ ...makeI18n('en'), setLocale: () => undefined });

/** The current language's text functions. */
export const useI18n = () => useContext(I18nContext);
