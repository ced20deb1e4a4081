import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'kadesk.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zhCN };
  }
}

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

/** Starts i18next in the language the agent chose last time, Simplified Chinese by default. */
export function initI18n(): typeof i18next {
  const saved = localStorage.getItem(STORAGE_KEY);
  const lng: Language = isLanguage(saved) ? saved : 'zh-CN';
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'zh-CN',
    // React escapes what it renders; escaping here would show entities as text.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
  return i18next;
}

export async function setLanguage(lng: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lng);
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}
