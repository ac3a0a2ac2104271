/// <reference types="vite/client" />

/** One locale's messages, made at build time from src/i18n/messages.ts (web/vite.config.ts). */
declare module 'virtual:portal-messages/*' {
  const messages: Record<string, string>;
  export default messages;
}
