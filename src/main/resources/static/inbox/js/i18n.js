// All visible text comes from messages/<language>.json; the choice is remembered in localStorage.
const STORED = 'inbox.language';
export const LANGUAGES = ['en', 'es'];

let language = 'en';
let messages = {};

export function initialLanguage() {
  const stored = localStorage.getItem(STORED);
  const browser = (navigator.language || 'en').slice(0, 2);
  return LANGUAGES.includes(stored) ? stored : LANGUAGES.includes(browser) ? browser : 'en';
}

export function currentLanguage() {
  return language;
}

export async function setLanguage(wanted) {
  language = LANGUAGES.includes(wanted) ? wanted : 'en';
  const response = await fetch(`messages/${language}.json`);
  messages = await response.json();
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
}

/** The message for {@code key} with {name} placeholders filled; the key itself when missing (visible in review). */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

/** A message when one exists for the key, else the fallback (for codes the server may extend). */
export function tOr(key, fallback) {
  return key in messages ? messages[key] : fallback;
}

export function formatDate(value, withTime = false) {
  if (!value) {
    return '';
  }
  // A date without time is a calendar date: show it as written, not shifted by the time zone.
  const date = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  const options = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(language, options).format(date);
}

export function languageName(code) {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}
