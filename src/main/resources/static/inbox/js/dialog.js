// One confirmation dialog for every action (referrals, directory corrections): a title, a sentence,
// the fields the action needs, and the action's own button. Nothing happens until it is pressed.
import { h } from './dom.js';
import { clearFeedback, fail, tell } from './feedback.js';
import { t } from './i18n.js';

/**
 * Opens the dialog; on submit {@code check(values)} may answer a message key (shown in the dialog,
 * which stays open), then {@code perform(values)} runs, {@code done} is announced and
 * {@code after()} re-renders the page.
 */
export function confirmDialog({ title, text, fields = [], submit, check = () => null, perform, done, after }) {
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-heading', class: 'confirm' });
  // inside the dialog: the page's own message area is behind the modal
  const problem = h('div', { role: 'alert', class: 'dialog-problem' });
  const close = () => { dialog.close(); dialog.remove(); };
  const form = h('form', {
    method: 'dialog',
    onsubmit: async (event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form));
      const refusal = check(values);
      if (refusal) {
        problem.replaceChildren(h('p', { class: 'problem' }, t(refusal)));
        return;
      }
      close();
      clearFeedback();
      try {
        await perform(values);
        tell(done);
        await after();
      } catch (error) {
        fail(error);
      }
    },
  },
  h('h2', { id: 'confirm-heading' }, title),
  h('p', {}, text),
  h('div', { class: 'fields' }, fields),
  problem,
  h('div', { class: 'dialog-buttons' },
    h('button', { type: 'submit', id: 'confirm-action' }, submit),
    h('button', { type: 'button', class: 'secondary', onclick: close }, t('confirmBack'))));
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
}
