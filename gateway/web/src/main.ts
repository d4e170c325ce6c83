import { restoreSession, signInAs, signInWithProvider, signOut, type SignInConfig, type Viewer } from './auth.js';
import { currentLanguage, setLanguage, t } from './i18n.js';
import { dashboard } from './views/dashboard.js';
import { learningCircle } from './views/learning-circle.js';
import { providerPortal } from './views/provider.js';

/**
 * The web app: a regional dashboard, a provider portal and a learning circle, each asking the
 * gateway's GraphQL API with the viewer's token. The route lives in the URL's hash.
 */
type Route = 'dashboard' | 'provider' | 'learning-circle';
const ROUTES: readonly { route: Route; label: 'dashboard' | 'providerPortal' | 'learningCircle' }[] = [
  { route: 'dashboard', label: 'dashboard' },
  { route: 'provider', label: 'providerPortal' },
  { route: 'learning-circle', label: 'learningCircle' },
];
const ROLES: readonly Viewer['role'][] = ['anonymous', 'region-analyst', 'provider', 'learning-circle', 'admin'];

let config: SignInConfig = { mode: 'none' };
let viewer: Viewer = { role: 'anonymous', subject: null };
let firstData = true;

function defaultRoute(): Route {
  if (viewer.role === 'provider') return 'provider';
  if (viewer.role === 'learning-circle') return 'learning-circle';
  return 'dashboard';
}

function currentRoute(): { route: Route; region?: string } {
  const [route, region] = location.hash.replace(/^#\/?/, '').split('/');
  const known = ROUTES.find((r) => r.route === route)?.route;
  return known ? { route: known, ...(region ? { region } : {}) } : { route: defaultRoute() };
}

function signInControls(): HTMLElement {
  const box = document.createElement('div');
  box.className = 'sign-in';
  if (config.mode === 'demo') {
    const label = document.createElement('label');
    label.htmlFor = 'role-select';
    label.textContent = t('chooseRole');
    const select = document.createElement('select');
    select.id = 'role-select';
    for (const role of ROLES) select.add(new Option(t(`role_${role}`), role, false, role === viewer.role));
    select.addEventListener('change', () => {
      void signInAs(select.value as Viewer['role']).then((next) => {
        viewer = next;
        location.hash = `#/${defaultRoute()}`;
        render();
      });
    });
    const note = document.createElement('p');
    note.className = 'demo-note';
    note.textContent = t('demoNote');
    box.append(label, select, note);
  } else if (config.mode === 'oidc') {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = viewer.role === 'anonymous' ? 'sign-in' : 'sign-out';
    button.textContent = viewer.role === 'anonymous' ? t('signIn') : t('signOut');
    button.addEventListener('click', () => {
      if (viewer.role === 'anonymous') void signInWithProvider();
      else
        void signOut().then(() => {
          viewer = { role: 'anonymous', subject: null };
          render();
        });
    });
    if (viewer.role !== 'anonymous') {
      const who = document.createElement('span');
      who.className = 'viewer';
      who.textContent = `${t('signedInAs')} ${t(`role_${viewer.role}`)} (${viewer.subject})`;
      box.append(who);
    }
    box.append(button);
  } else {
    const note = document.createElement('p');
    note.textContent = t('noSignIn');
    box.append(note);
  }
  return box;
}

function header(route: Route): HTMLElement {
  const header = document.createElement('header');
  const title = document.createElement('p');
  title.className = 'app-title';
  title.textContent = t('appTitle');
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', t('appTitle'));
  for (const item of ROUTES) {
    const link = document.createElement('a');
    link.href = `#/${item.route}`;
    link.textContent = t(item.label);
    if (item.route === route) link.setAttribute('aria-current', 'page');
    nav.append(link);
  }
  const ide = document.createElement('a');
  ide.href = '/graphiql';
  ide.textContent = t('graphiql');
  nav.append(ide);
  const language = document.createElement('button');
  language.type = 'button';
  language.id = 'language-switch';
  language.lang = currentLanguage() === 'nl' ? 'en' : 'nl';
  language.textContent = t('switchLanguage');
  language.setAttribute('aria-label', t('switchLanguageLabel'));
  language.addEventListener('click', () => {
    setLanguage(currentLanguage() === 'nl' ? 'en' : 'nl');
    render();
  });
  header.append(title, nav, signInControls(), language);
  return header;
}

let rendering = 0;
function render(): void {
  const turn = ++rendering;
  const { route, region } = currentRoute();
  const main = document.createElement('main');
  main.id = 'main';
  main.dataset.view = route;
  main.dataset.role = viewer.role;
  document.body.replaceChildren(header(route), main);
  document.title = `${t(ROUTES.find((r) => r.route === route)!.label)} · ${t('appTitle')}`;
  const view =
    route === 'dashboard'
      ? dashboard(main, viewer, region, (code) => (location.hash = `#/dashboard/${code}`))
      : route === 'provider'
        ? providerPortal(main, viewer)
        : learningCircle(main, viewer);
  void view.then(() => {
    if (turn !== rendering) return;
    main.dataset.loaded = 'true';
    if (firstData) {
      // How long a person waits for figures after opening the page (performance.now() counts
      // from the navigation); browser tests and bench:first-start read it.
      firstData = false;
      const ms = Math.round(performance.now());
      document.documentElement.dataset.timeToData = String(ms);
      performance.mark('data-shown');
    }
  });
}

setLanguage(currentLanguage());
void restoreSession().then((session) => {
  config = session.config;
  viewer = session.viewer;
  window.addEventListener('hashchange', render);
  render();
});
