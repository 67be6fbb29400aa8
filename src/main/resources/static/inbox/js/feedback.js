// What the user is told: progress and success in the status region, problems in the alert region,
// server refusals in plain words with the server's own explanation after them.
import { signIn } from './auth.js';
import { h } from './dom.js';
import { FhirError, SessionExpired } from './fhir.js';
import { t } from './i18n.js';

const notice = () => document.getElementById('notice');
const problem = () => document.getElementById('problem');

export function tell(message) {
  problem().replaceChildren();
  notice().replaceChildren(h('p', { class: 'notice' }, message));
}

export function clearFeedback() {
  notice().replaceChildren();
  problem().replaceChildren();
}

export function explain(error) {
  if (error instanceof FhirError) {
    if (error.changedMeanwhile) {
      return t('errorChangedMeanwhile');
    }
    const lead = error.status === 403 ? t('errorForbidden')
      : error.status === 404 || error.status === 410 ? t('errorNotFound')
        : error.status < 500 ? t('errorRefused') : t('errorServer');
    return error.message ? `${lead} ${t('errorServerSays', { detail: error.message })}` : lead;
  }
  return t('errorNetwork');
}

/** Shows a failure; an expired session leads to sign-in, coming back to the same page. */
export function fail(error) {
  if (error instanceof SessionExpired) {
    tell(t('sessionExpired'));
    signIn(location.hash || '#/');
    return;
  }
  if (!(error instanceof FhirError)) {
    console.error(error);
  }
  notice().replaceChildren();
  const reload = error instanceof FhirError && error.changedMeanwhile
    ? h('button', { type: 'button', onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, t('reload'))
    : null;
  problem().replaceChildren(h('div', { class: 'problem' }, h('p', {}, explain(error)), reload));
}
