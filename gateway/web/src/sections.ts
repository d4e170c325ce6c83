import { QueryError } from './api.js';
import { notice } from './figure.js';
import { t } from './i18n.js';

/**
 * Fills a view with sections that each load on their own: a slow or forbidden section never
 * holds up the others. Resolves when every section has its data (or its notice).
 */
export function loadSections(container: HTMLElement, sections: readonly { id: string; title: string; load: () => Promise<HTMLElement> }[]): Promise<void> {
  return Promise.all(
    sections.map(async ({ id, title, load }) => {
      const placeholder = notice(id, title, t('loading'));
      placeholder.setAttribute('aria-busy', 'true');
      container.append(placeholder);
      let content: HTMLElement;
      try {
        content = await load();
      } catch (error) {
        const text = error instanceof QueryError && error.forbidden ? t('noAccess') : `${t('failed')}: ${error instanceof Error ? error.message : String(error)}`;
        content = notice(id, title, text);
      }
      placeholder.replaceWith(content);
    }),
  ).then(() => undefined);
}
