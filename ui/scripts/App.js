// @ts-check
/**
 * The window as a whole, a router: the first-start choice, then the sidebar and one page at a time in
 * the content area. A route names a page and what it shows; each page loads its own data, owns what its
 * buttons do and asks for the next route. The router keeps the sidebar in step, drops a load overtaken
 * by a newer navigation, and puts what failed to load in the banner.
 */

import * as api from './api.js';
import { Dashboard } from './Dashboard.js';
import { el } from './dom.js';
import { ErrorBanner } from './ErrorBanner.js';
import { FirstStart } from './FirstStart.js';
import { setLabels } from './labels.js';
import { refusalText } from './refusal.js';
import { Sidebar } from './Sidebar.js';

/** @typedef {import('./api.js').AppStatus} AppStatus */
/** @typedef {import('./Sidebar.js').Section} Section */

/**
 * Where the window is: a page and what it shows. `back` is where the page's « Retour » leads.
 * @typedef {{ page: 'dashboard' } | { page: 'clients' } | { page: 'client', clientId: number, show?: 'claim_statement' }
 *   | { page: 'client-form', clientId: number | null }
 *   | { page: 'invoice-form', clientId: number, invoiceId: number | null }
 *   | { page: 'payment-form', clientId: number } | { page: 'rejection-form', clientId: number, paymentId: number }
 *   | { page: 'event-form', clientId: number } | { page: 'letter-new', clientId: number }
 *   | { page: 'letter', letterId: number, back: Route } | { page: 'letters' } | { page: 'dispatch', letterId: number }
 *   | { page: 'plans' } | { page: 'plan', planId: number, back: Route }
 *   | { page: 'plan-draft', clientId: number, back: Route }
 *   | { page: 'import', paths?: string[] | null } | { page: 'bank', path?: string | null } | { page: 'books' }
 *   | { page: 'profile', show?: 'addressed_as' } | { page: 'settings', semester?: string }} Route
 */

/**
 * What every page gets from the window.
 * @typedef {object} PageContext
 * @property {(route: Route) => Promise<void>} go shows another page (or the same one, reloaded)
 * @property {(failure: unknown) => void} fail shows in the banner a refusal that belongs to no part of the page
 * @property {() => import('./api.js').IsoDate} today the core's today
 * @property {() => string} ledgerPath
 */

/**
 * A page: its markup, built once, and `open`, which loads what a route shows and resolves to the
 * function that shows it (called only if the user did not go elsewhere meanwhile).
 * @typedef {object} Page
 * @property {HTMLElement} element
 * @property {(route: any) => Promise<() => void>} open
 * @property {() => void} [focus] where the keyboard goes; the content area when absent
 */

/** @typedef {(context: PageContext) => Page} PageFactory */

/**
 * The page a view makes, from its module: each view is named after its file (`ClientList` in
 * `ClientList.js`), fetched on first use.
 * @param {string} view
 * @returns {() => Promise<PageFactory>}
 */
function fetched(view) {
  return () => import(`./${view}.js`).then((module) => module[view]);
}

/**
 * How each page's module is reached. The dashboard, the first screen, comes with the window; the others
 * are fetched when first asked for, or in the background once the first screen is drawn: the window
 * starts by loading the 15 modules of its first screen (130 KB) instead of all 57 (458 KB).
 */
const PAGES = /** @type {Record<Route['page'], () => Promise<PageFactory>>} */ ({
  dashboard: async () => Dashboard,
  clients: fetched('ClientList'),
  client: fetched('ClientView'),
  'client-form': fetched('ClientForm'),
  'invoice-form': fetched('InvoiceForm'),
  'payment-form': fetched('PaymentForm'),
  'rejection-form': fetched('RejectionForm'),
  'event-form': fetched('EventForm'),
  'letter-new': fetched('LetterView'),
  letter: fetched('LetterView'),
  letters: fetched('LettersPage'),
  dispatch: fetched('DispatchForm'),
  plans: fetched('PlanList'),
  plan: fetched('PlanEditor'),
  'plan-draft': fetched('PlanEditor'),
  import: fetched('ImportPage'),
  bank: fetched('BankPage'),
  books: fetched('BooksPage'),
  profile: fetched('ProfileForm'),
  settings: fetched('Settings'),
});

/** The sidebar entry each page belongs to. */
const SECTIONS = /** @type {Record<Route['page'], Section>} */ ({
  dashboard: 'dashboard',
  clients: 'clients',
  client: 'clients',
  'client-form': 'clients',
  'invoice-form': 'clients',
  'payment-form': 'clients',
  'rejection-form': 'clients',
  'event-form': 'clients',
  'letter-new': 'clients',
  letter: 'letters',
  letters: 'letters',
  dispatch: 'letters',
  plans: 'plans',
  plan: 'plans',
  'plan-draft': 'plans',
  import: 'import',
  bank: 'bank',
  books: 'books',
  profile: 'profile',
  settings: 'settings',
});

/**
 * @param {HTMLElement} root
 * @returns {{ start: () => Promise<void> }}
 */
export function App(root) {
  /** @type {AppStatus} */
  let status = { ledger_path: '', needs_choice: false, today: '' };
  /** Increases with every page shown, so that a slow load never replaces a newer page. */
  let navigation = 0;
  /** The page asked for last: a file dropped on the bank page is a statement, elsewhere a spreadsheet. */
  /** @type {Route['page']} */
  let shown = 'dashboard';
  let readySent = false;
  /** @type {Record<string, number>} Start-up timing marks, sent with ui_ready for the benchmark. */
  const marks = {};

  const banner = ErrorBanner();
  const sidebar = Sidebar({ onNavigate: (section) => go({ page: section }) });
  const content = el('main', { class: 'content', attrs: { id: 'content', tabindex: -1 } });
  const pageArea = el('div', { class: 'content-page' });
  content.append(banner.element, pageArea);
  const shell = el('div', { class: 'app-shell' }, [sidebar.element, content]);

  /** @type {PageContext} */
  const context = {
    go,
    fail: (failure) => banner.update(refusalText(failure)),
    today: () => status.today,
    ledgerPath: () => status.ledger_path,
  };
  /** @type {Map<PageFactory, Page>} */
  const made = new Map();

  window.addEventListener('unhandledrejection', (event) => {
    banner.update(refusalText(event.reason));
  });

  async function start() {
    marks.start = performance.now();
    try {
      const [found, names] = await Promise.all([api.appStatus(), api.labels()]);
      status = found;
      setLabels(names);
      marks.status = performance.now();
    } catch (error) {
      root.replaceChildren(el('div', { class: 'fatal' }, [
        el('h1', { text: 'Ardoise ne peut pas ouvrir le registre' }),
        el('p', { text: refusalText(error) }),
      ]));
      signalReady();
      return;
    }
    if (status.needs_choice) {
      showFirstStart();
    } else {
      await go({ page: 'dashboard' });
    }
    signalReady();
  }

  /** Tells the shell once that the first screen is on the glass; nobody waits for the answer. */
  function signalReady() {
    if (readySent) {
      return;
    }
    readySent = true;
    marks.drawn = performance.now();
    // Text waits for the window's own font (base.css), preloaded with the page: the screen is not drawn
    // before it is in.
    document.fonts.ready.then(() => requestAnimationFrame(() => {
      marks.frame = performance.now();
      const rounded = Object.fromEntries(Object.entries(marks).map(([name, ms]) => [name, Math.round(ms)]));
      api.uiReady(rounded).catch(() => {});
      // The other pages' modules, fetched while the user reads the first screen: a second after it, not
      // at once, where reading them held the first screen's drawing back by 4 ms (16 + 20 alternated
      // starts: 30-31 ms from this frame to the screen, 26-27 with the wait). A click sooner loads its
      // page's module itself.
      setTimeout(() => {
        for (const load of Object.values(PAGES)) {
          load().catch(() => {});
        }
      }, 1000);
    }));
  }

  function showFirstStart() {
    const firstStart = FirstStart({
      async onChoose(choice) {
        firstStart.update({ busy: true, error: null });
        try {
          // Importing one's invoices starts from an empty ledger, on the « Importer » page.
          await api.startLedger(choice === 'import' ? 'empty' : choice);
        } catch (error) {
          firstStart.update({ busy: false, error: refusalText(error) });
          return;
        }
        status = { ...status, needs_choice: false };
        await go({ page: choice === 'import' ? 'import' : 'dashboard' });
      },
    });
    firstStart.update({ busy: false, error: null });
    root.replaceChildren(firstStart.element);
    const demo = /** @type {HTMLElement | null} */ (firstStart.element.querySelector('#start-demo'));
    if (demo) {
      demo.focus();
    }
  }

  /**
   * Puts the sidebar and the content area in the window, with their first page or its refusal: WebKit then
   * lays out the window once instead of twice (an empty shell while the data loads, then the page).
   */
  function mountShell() {
    if (root.firstChild === shell) {
      return;
    }
    root.replaceChildren(shell);
    // A file dropped on an invoice's row gives the invoice its PDF (the page under the drop does it); a
    // statement dropped on the bank page opens there; files dropped anywhere else open the import page.
    api.importWatchDrops((dropped) => {
      const under = document.elementFromPoint(dropped.x, dropped.y);
      const target = under && under.closest('[data-drop-target="invoice"]');
      if (target && dropped.paths.length === 1) {
        target.dispatchEvent(new CustomEvent('invoice-drop', { detail: dropped.paths[0], bubbles: true }));
      } else if (shown === 'bank' && dropped.paths.length > 0) {
        go({ page: 'bank', path: dropped.paths[0] });
      } else {
        go({ page: 'import', paths: dropped.paths });
      }
    }).catch(context.fail);
  }

  /**
   * Shows the page of `route` once its data is loaded, unless the user went elsewhere in the meantime. A
   * failed load leaves the current page and says why in the banner.
   * @param {Route} route
   */
  async function go(route) {
    navigation += 1;
    const mine = navigation;
    shown = route.page;
    banner.update(null);
    sidebar.update({ active: SECTIONS[route.page], ledgerPath: status.ledger_path });
    // Screen readers (and the window tests) know the content is being replaced until it is shown.
    content.setAttribute('aria-busy', 'true');
    try {
      const page = await pageOf(route.page);
      const show = await page.open(route);
      marks.data = marks.data || performance.now();
      if (mine === navigation) {
        show();
        marks.shown = marks.shown || performance.now();
        mountShell();
        place(page);
      }
    } catch (failure) {
      if (mine === navigation) {
        mountShell();
        banner.update(refusalText(failure));
      }
    }
    if (mine === navigation) {
      content.removeAttribute('aria-busy');
    }
  }

  /**
   * The page of a route's name, made on first use.
   * @param {Route['page']} name
   * @returns {Promise<Page>}
   */
  async function pageOf(name) {
    const factory = await PAGES[name]();
    let page = made.get(factory);
    if (!page) {
      page = factory(context);
      made.set(factory, page);
    }
    return page;
  }

  /**
   * Puts a page in the content area, at its top, with the keyboard where the page wants it.
   * @param {Page} page
   */
  function place(page) {
    if (pageArea.firstChild !== page.element || pageArea.childNodes.length !== 1) {
      pageArea.replaceChildren(page.element);
    }
    content.scrollTop = 0;
    if (page.focus) {
      page.focus();
    } else {
      content.focus({ preventScroll: true });
    }
  }

  return { start };
}
