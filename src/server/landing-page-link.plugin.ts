import type { ApolloServerPlugin, BaseContext, LandingPage } from '@apollo/server';

/** A link the landing page shows, e.g. to a development page served beside the API. */
export interface LandingPageLink {
  /** Where it goes: a path of this server, such as `/explorer`. */
  readonly href: string;
  /** What it says (plain text: it is escaped). */
  readonly text: string;
}

/**
 * Apollo's landing-page plugin, with `link` added to the notice its page shows when the Apollo
 * Sandbox cannot be loaded from Apollo's CDN ("it appears that you might be offline"), so that
 * notice leads somewhere that works offline. Everything else about the page (its content
 * security policy, the Sandbox's initial state) stays as Apollo renders it.
 *
 * Offline, Apollo's page leaves the Sandbox's empty container over the whole window, above the
 * notice, so nothing in it could be clicked; a script (with the page's own nonce, as its policy
 * requires) removes that container when the Sandbox's script did not arrive.
 */
export function landingPageWithLink<TContext extends BaseContext>(
  landingPage: ApolloServerPlugin<TContext>,
  link: LandingPageLink,
): ApolloServerPlugin<TContext> {
  const notice = `<p class="offline-link"><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>`;
  return {
    async serverWillStart(service) {
      const listener = await landingPage.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (listener === undefined || listener === null || render === undefined) return listener;
      return {
        ...listener,
        renderLandingPage: async (): Promise<LandingPage> => {
          const { html } = await render();
          return { html: async () => withNotice(typeof html === 'string' ? html : await html(), notice) };
        },
      };
    },
  };
}

/**
 * The page with the notice inside Apollo's offline fallback (shown when the Sandbox does not
 * load, covered by it when it does), or first in the body should Apollo's markup change; and,
 * last in the body, the script that uncovers it offline.
 */
function withNotice(html: string, notice: string): string {
  const fallback = /(<div class="fallback">[\s\S]*?)(<\/div>)/.exec(html);
  let page: string;
  if (fallback !== null) {
    const end = fallback.index + (fallback[1] as string).length;
    page = `${html.slice(0, end)}  ${notice}\n${html.slice(end)}`;
  } else {
    page = html.replace(/<body[^>]*>/, (body) => `${body}\n${notice}`);
  }
  const nonce = /<script nonce="([\w+/=-]+)"/.exec(page)?.[1];
  if (nonce === undefined) return page;
  // Scripts run in order, so by now Apollo's CDN script has either defined EmbeddedSandbox or failed.
  const uncover = `<script nonce="${nonce}">if (typeof window.EmbeddedSandbox !== 'function') { var cover = document.getElementById('embeddableSandbox'); if (cover) cover.remove(); }</script>`;
  return page.replace(/<\/body>/, `${uncover}\n</body>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
