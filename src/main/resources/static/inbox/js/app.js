// Start-up and routing: #/ (inbox), #/referral/<id>, #/services. Each route renders from the FHIR API.
import { accessToken, completeSignIn, currentUser, signIn, signOut } from './auth.js';
import { h, show } from './dom.js';
import { clearFeedback, fail } from './feedback.js';
import { fhir } from './fhir.js';
import { currentLanguage, initialLanguage, setLanguage, t } from './i18n.js';
import { renderInbox } from './inbox-list.js';
import { renderReferral } from './referral-page.js';
import { renderServices } from './services-page.js';

const main = document.getElementById('main');
let organizationName;

async function start() {
  await setLanguage(initialLanguage());
  const language = document.getElementById('language');
  language.value = currentLanguage();
  language.addEventListener('change', async () => {
    await setLanguage(language.value);
    await route();
  });
  document.getElementById('sign-out').addEventListener('click', () => signOut().catch(fail));
  document.getElementById('nav-metrics').addEventListener('click', async (event) => {
    event.preventDefault();
    const { href } = event.currentTarget;
    await accessToken(); // renewed if about to expire, so the metrics page gets a current one
    location.assign(href);
  });
  window.addEventListener('hashchange', () => {
    clearFeedback();
    route();
  });
  try {
    await completeSignIn();
  } catch (error) {
    console.error(error);
    show(main, h('p', { class: 'problem' }, t('signInFailed')));
  }
  await route();
}

async function route() {
  const signedIn = Boolean(await accessToken());
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  if (!signedIn) {
    document.getElementById('who').textContent = '';
    document.title = t('appTitle');
    show(main,
      h('h1', { tabindex: '-1' }, t('appTitle')),
      h('p', {}, t('signInIntro')),
      h('button', { type: 'button', id: 'sign-in', onclick: () => signIn(location.hash || '#/').catch(fail) }, t('signIn')));
    return;
  }
  const [path, query] = (location.hash.slice(1) || '/').split('?');
  const user = currentUser();
  main.setAttribute('aria-busy', 'true');
  showMetricsLink(user);
  showWho(user); // in parallel with the page's own requests, not before them
  try {
    if (!user.organization) {
      show(main, h('h1', { tabindex: '-1' }, t('appTitle')), h('p', { class: 'problem' }, t('noOrganization')));
    } else if (path.startsWith('/referral/')) {
      await renderReferral(main, decodeURIComponent(path.slice('/referral/'.length)));
    } else if (path === '/services') {
      await renderServices(main, user.organization);
    } else {
      await renderInbox(main, new URLSearchParams(query || ''));
    }
    main.querySelector('h1')?.focus();
  } catch (error) {
    fail(error);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

/** "Name · Organization": the organization's name from the directory (public to signed-in users). */
async function showWho(user) {
  const who = document.getElementById('who');
  who.textContent = [user.name, organizationName].filter(Boolean).join(' · ');
  if (organizationName === undefined && user.organization) {
    organizationName = await fhir(user.organization).then((o) => o.name).catch(() => null);
    who.textContent = [user.name, organizationName].filter(Boolean).join(' · ');
  }
}

/**
 * The metrics page (same origin, same tab) reads the token the sign-in left in sessionStorage
 * (auth.js), so it opens on the organization's own numbers without a second sign-in.
 */
function showMetricsLink(user) {
  const link = document.getElementById('nav-metrics');
  link.href = user.organization ? `../metrics?${new URLSearchParams({ subject: user.organization })}` : '../metrics';
}

start();
