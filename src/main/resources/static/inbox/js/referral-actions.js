// Item 4: the owner's actions on a referral, each a button plus a confirmation dialog. Every update
// is a version-aware PUT (If-Match), so a change made meanwhile by someone else is refused (412), never
// overwritten. The server applies the same state machine as for any API client.
import { currentUser } from './auth.js';
import { clearDraft, keepDraft } from './drafts.js';
import { h } from './dom.js';
import { clearFeedback, fail, tell } from './feedback.js';
import {
  create, display, FhirError, fhir, versionTag,
} from './fhir.js';
import { t } from './i18n.js';
import {
  BUSINESS_STATUS, SDOHCC_CODES, domainOf, reasonLabel, statusReasons,
} from './terminology.js';

/** What the owner may do next from each status (ReferralTaskStateMachine, owner side). */
const NEXT = {
  requested: ['accept', 'decline', 'cancel'],
  accepted: ['start', 'hold', 'complete', 'cancel'],
  'in-progress': ['hold', 'complete', 'cancel'],
  'on-hold': ['resume', 'complete', 'cancel'],
};

/** The status each action sets; decline, hold and cancel must say why (the server requires a statusReason). */
const ACTIONS = {
  accept: { status: 'accepted' },
  decline: { status: 'rejected', reason: true },
  start: { status: 'in-progress' },
  hold: { status: 'on-hold', reason: true },
  resume: { status: 'in-progress' },
  cancel: { status: 'cancelled', reason: true },
  complete: { status: 'completed', outcome: true },
};

export function actionBar(task, request, done) {
  const names = NEXT[task.status] || [];
  if (!names.length) {
    return null;
  }
  return h('div', { class: 'actions', role: 'group', 'aria-label': t('actionsLabel') },
    names.map((name) => h('button', {
      type: 'button',
      id: `action-${name}`,
      class: name === 'decline' || name === 'cancel' ? 'secondary' : null,
      onclick: () => confirmAction(name, task, request, done).catch(fail),
    }, t(`action.${name}`))));
}

async function confirmAction(name, task, request, done) {
  const action = ACTIONS[name];
  const draft = (field) => `${name}.${field}.${task.id}`;
  const fields = [];
  if (action.reason) {
    const reasons = await statusReasons();
    fields.push(
      h('label', { for: 'reason-code' }, t('reasonCode')),
      keepDraft(h('select', { id: 'reason-code', name: 'code', required: true },
        h('option', { value: '' }, t('reasonChoose')),
        reasons.map((r) => h('option', { value: r.code }, reasonLabel(r)))), draft('code')),
    );
  }
  if (action.outcome) {
    fields.push(
      h('label', { for: 'outcome' }, t('outcomeLabel')),
      keepDraft(h('select', { id: 'outcome', name: 'outcome', required: true },
        h('option', { value: 'requested' }, t('outcomeRequested', { service: display(request?.code) })),
        h('option', { value: 'other' }, t('outcomeOther'))), draft('outcome')),
    );
  }
  if (action.reason || action.outcome) {
    fields.push(
      h('label', { for: 'action-note' }, t(action.reason ? 'reasonText' : 'outcomeNote')),
      keepDraft(h('textarea', { id: 'action-note', name: 'note', rows: '3' }), draft('note')),
    );
  }
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-heading', class: 'confirm' });
  const form = h('form', {
    method: 'dialog',
    onsubmit: async (event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form));
      if (values.outcome === 'other' && !values.note?.trim()) {
        tell(t('outcomeOtherNeedsNote'));
        return;
      }
      dialog.close();
      dialog.remove();
      clearFeedback();
      try {
        await perform(action, task, request, values);
        clearDraft(draft('code'), draft('outcome'), draft('note'));
        tell(t(`done.${name}`));
        await done();
      } catch (error) {
        fail(error);
      }
    },
  },
  h('h2', { id: 'confirm-heading' }, t(`confirm.${name}.title`)),
  h('p', {}, t(`confirm.${name}.text`)),
  h('div', { class: 'fields' }, fields),
  h('div', { class: 'dialog-buttons' },
    h('button', { type: 'submit', id: 'confirm-action' }, t(`action.${name}`)),
    h('button', { type: 'button', class: 'secondary', onclick: () => { dialog.close(); dialog.remove(); } }, t('confirmBack'))));
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
}

async function perform(action, task, request, values) {
  const next = structuredClone(task);
  next.status = action.status;
  delete next.statusReason;
  if (action.reason) {
    const reason = (await statusReasons()).find((r) => r.code === values.code);
    next.statusReason = {
      coding: [{ system: reason.system, code: reason.code, display: reason.display }],
      ...(values.note?.trim() ? { text: values.note.trim() } : {}),
    };
  }
  // Answering the referral ends its overdue flag (set by the server's escalation while unanswered).
  if (next.businessStatus?.coding?.some((c) => c.system === BUSINESS_STATUS)) {
    delete next.businessStatus;
  }
  if (action.outcome) {
    next.output = [...(task.output || []), await recordWhatWasProvided(task, request, values)];
  }
  await fhir(`Task/${task.id}`, { method: 'PUT', body: next, ifMatch: versionTag(task) });
}

/**
 * Completing closes the loop: a Procedure saying what was provided, referenced from Task.output (the
 * server requires an output to complete). Not one transaction: on PostgreSQL a Procedure created in
 * the same transaction as the Task update was stored without its version row (HAPI, see README known
 * limits). The Task's version is checked first, so a referral changed meanwhile creates no Procedure.
 */
async function recordWhatWasProvided(task, request, values) {
  const current = await fhir(`Task/${task.id}`);
  if (current.meta.versionId !== task.meta.versionId) {
    throw new FhirError(412, '');
  }
  const note = values.note?.trim();
  const domain = domainOf(request);
  const organization = currentUser()?.organization;
  const procedure = await create('Procedure', {
    resourceType: 'Procedure',
    status: 'completed',
    category: domain ? { coding: [domain] } : undefined,
    code: values.outcome === 'requested' && request?.code ? request.code : { text: note },
    subject: task.for,
    basedOn: request ? [{ reference: `ServiceRequest/${request.id}` }] : undefined,
    performedDateTime: new Date().toISOString(),
    performer: organization ? [{ actor: { reference: organization } }] : undefined,
    note: note ? [{ text: note }] : undefined,
  });
  return {
    type: { coding: [{ system: SDOHCC_CODES, code: 'resulting-activity', display: 'Resulting Activity' }] },
    valueReference: { reference: procedure },
  };
}
