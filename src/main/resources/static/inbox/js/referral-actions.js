// Item 4: the owner's actions on a referral, each a button plus a confirmation dialog. Every update
// is a version-aware PUT (If-Match), so a change made meanwhile by someone else is refused (412), never
// overwritten. The server applies the same state machine as for any API client.
import { currentUser } from './auth.js';
import { clearDraft, keepDraft } from './drafts.js';
import { h } from './dom.js';
import { confirmDialog } from './dialog.js';
import { fail } from './feedback.js';
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
  accepted: ['start', 'hold', 'complete', 'fail', 'cancel'],
  'in-progress': ['hold', 'complete', 'fail', 'cancel'],
  'on-hold': ['resume', 'complete', 'fail', 'cancel'],
};

/** The status each action sets; decline, hold, fail and cancel must say why (the server requires a statusReason). */
const ACTIONS = {
  accept: { status: 'accepted' },
  decline: { status: 'rejected', reason: true },
  start: { status: 'in-progress' },
  hold: { status: 'on-hold', reason: true },
  resume: { status: 'in-progress' },
  fail: { status: 'failed', reason: true },
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
      class: ['decline', 'fail', 'cancel'].includes(name) ? 'secondary' : null,
      onclick: () => confirmAction(name, task, request, done).catch(fail),
    }, t(`action.${name}`))));
}

async function confirmAction(name, task, request, done) {
  const action = ACTIONS[name];
  const draft = (field) => `${name}.${field}.${task.id}`;
  const choice = (id, label, options) => [
    h('label', { for: id }, label),
    keepDraft(h('select', { id, name: id, required: true }, options), draft(id)),
  ];
  const fields = [];
  if (action.reason) {
    const reasons = await statusReasons();
    fields.push(choice('reason-code', t('reasonCode'), [
      h('option', { value: '' }, t('reasonChoose')),
      reasons.map((r) => h('option', { value: r.code }, reasonLabel(r)))]));
  }
  if (action.outcome) {
    fields.push(
      choice('outcome', t('outcomeLabel'), [
        h('option', { value: 'requested' }, t('outcomeRequested', { service: display(request?.code) })),
        h('option', { value: 'other' }, t('outcomeOther'))]),
      choice('record', t('recordLabel'), [
        h('option', { value: 'procedure' }, t('recordProcedure')),
        h('option', { value: 'code' }, t('recordCode'))]),
    );
  }
  if (action.reason || action.outcome) {
    fields.push(
      h('label', { for: 'action-note' }, t(action.reason ? 'reasonText' : 'outcomeNote')),
      keepDraft(h('textarea', { id: 'action-note', name: 'note', rows: '3' }), draft('note')),
    );
  }
  confirmDialog({
    title: t(`confirm.${name}.title`),
    text: t(`confirm.${name}.text`),
    fields,
    submit: t(`action.${name}`),
    check: (values) => {
      if (values.outcome === 'other' && !values.note?.trim()) {
        return 'outcomeOtherNeedsNote';
      }
      // an outcome code says what was provided by itself: only the requested service has one
      return values.record === 'code' && (values.outcome !== 'requested' || !request?.code?.coding?.length)
        ? 'recordCodeNeedsService' : null;
    },
    perform: async (values) => {
      await perform(action, task, request, values);
      clearDraft(draft('reason-code'), draft('outcome'), draft('record'), draft('note'));
    },
    done: t(`done.${name}`),
    after: done,
  });
}

async function perform(action, task, request, values) {
  const next = structuredClone(task);
  next.status = action.status;
  delete next.statusReason;
  if (action.reason) {
    const reason = (await statusReasons()).find((r) => r.code === values['reason-code']);
    next.statusReason = {
      coding: [{ system: reason.system, code: reason.code, display: reason.display }],
      ...(values.note?.trim() ? { text: values.note.trim() } : {}),
    };
  }
  // Answering the referral ends its overdue flag (set by the server's escalation while unanswered).
  if (next.businessStatus?.coding?.some((c) => c.system === BUSINESS_STATUS)) {
    delete next.businessStatus;
  }
  if (action.outcome && values.record === 'code') {
    next.output = [...(task.output || []), providedCode(request)];
    if (values.note?.trim()) {
      next.note = [...(task.note || []), ourNote(values.note.trim())];
    }
  } else if (action.outcome) {
    next.output = [...(task.output || []), await recordWhatWasProvided(task, request, values)];
  }
  await fhir(`Task/${task.id}`, { method: 'PUT', body: next, ifMatch: versionTag(task) });
}

const RESULTING_ACTIVITY = { coding: [{ system: SDOHCC_CODES, code: 'resulting-activity', display: 'Resulting Activity' }] };

/**
 * The IG's other way to close the loop (Task.output PerformedActivityCode): the code of the service
 * provided, without a Procedure record; the server accepts any output value on completion.
 */
function providedCode(request) {
  return { type: RESULTING_ACTIVITY, valueCodeableConcept: request.code };
}

function ourNote(text) {
  const organization = currentUser()?.organization;
  return { text, time: new Date().toISOString(), ...(organization ? { authorReference: { reference: organization } } : {}) };
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
  return { type: RESULTING_ACTIVITY, valueReference: { reference: procedure } };
}
