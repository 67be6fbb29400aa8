// Item 3: one referral — the client, what is asked, who referred, supporting information the consent
// allows, the message thread with a reply box, and the history of status changes.
import { currentUser } from './auth.js';
import { clearDraft, keepDraft } from './drafts.js';
import { h, row, show } from './dom.js';
import { clearFeedback, fail, tell } from './feedback.js';
import {
  byReference, display, fhir, personName, resources, withheldNotice,
} from './fhir.js';
import { formatDate, languageName, t } from './i18n.js';
import { actionBar } from './referral-actions.js';
import { domainLabel, domainOf, isOverdue, reasonLabel, statusLabel } from './terminology.js';

/**
 * Two rounds of requests, each sent at once: the Task with its ServiceRequest, client, requester and
 * messages (one search), and its history; then what hangs off those (supporting information, the
 * referrer's person and organization). A chain of single reads took four rounds.
 */
export async function renderReferral(main, id) {
  const historyRequest = fhir(`Task/${encodeURIComponent(id)}/_history?_count=100`);
  historyRequest.catch(() => {}); // refused too when the referral is not ours: "not found" below says it
  const bundle = await fhir(`Task?_id=${encodeURIComponent(id)}&_include=Task:focus&_include=Task:patient`
    + '&_include=Task:requester&_revinclude=Communication:part-of');
  const task = resources(bundle, 'Task')[0];
  if (!task) {
    show(main, h('h1', { tabindex: '-1' }, t('referralNotFound')), backLink());
    return;
  }
  const included = byReference(bundle);
  const client = included.get(task.for?.reference);
  const request = included.get(task.focus?.reference);
  const thread = resources(bundle, 'Communication').sort((a, b) => (a.sent || '').localeCompare(b.sent || ''));
  const [supporting, referrer, history] = await Promise.all([
    request ? fhir(`ServiceRequest?_id=${request.id}&_include=ServiceRequest:supporting-info`) : null,
    referrerOf(task.requester?.reference, included),
    historyRequest,
  ]);
  const rerender = () => renderReferral(main, id).catch(fail);
  document.title = `${personName(client) || t('clientUnknown')} · ${t('appTitle')}`;
  show(main,
    backLink(),
    h('h1', { tabindex: '-1' }, personName(client) || t('clientUnknown')),
    h('p', { class: 'badges' },
      h('span', { class: `badge status-${task.status}` }, statusLabel(task.status)),
      isOverdue(task) ? h('span', { class: 'badge overdue' }, t('markerOverdue')) : null,
      task.statusReason ? h('span', {}, reasonText(task.statusReason)) : null),
    actionBar(task, request, rerender),
    h('div', { class: 'columns' },
      section('client', t('sectionClient'), clientDetails(client)),
      section('asked', t('sectionAsked'), askedDetails(task, request)),
      section('referrer', t('sectionReferrer'), referrerDetails(referrer, task.requester)),
      section('supporting', t('sectionSupporting'), supportingDetails(request, supporting))),
    section('messages', t('sectionMessages'), messageThread(task, request, thread, rerender)),
    section('history', t('sectionHistory'), statusHistory(resources(history, 'Task'))),
  );
}

function backLink() {
  return h('p', {}, h('a', { href: '#/' }, t('backToInbox')));
}

function section(id, title, ...content) {
  return h('section', { 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), content);
}

function reasonText(concept) {
  const coding = concept.coding?.[0];
  return [coding ? reasonLabel(coding) : null, concept.text].filter(Boolean).join(': ');
}

function contacts(telecoms = []) {
  return telecoms.filter((c) => c.value).map((c) => {
    const href = c.system === 'phone' ? `tel:${c.value.replace(/[^+\d]/g, '')}` : c.system === 'email' ? `mailto:${c.value}` : null;
    return h('span', { class: 'contact' }, href ? h('a', { href }, c.value) : c.value);
  });
}

function clientDetails(client) {
  if (!client) {
    return h('p', {}, t('clientWithheld'));
  }
  const preferred = client.communication?.find((c) => c.preferred) || client.communication?.[0];
  const languageCode = preferred?.language?.coding?.[0]?.code;
  return h('dl', {},
    row(t('clientName'), personName(client)),
    row(t('clientBirthDate'), formatDate(client.birthDate)),
    row(t('clientPhone'), contacts((client.telecom || []).filter((c) => c.system === 'phone'))),
    row(t('clientLanguage'), languageCode ? languageName(languageCode) : display(preferred?.language)));
}

function askedDetails(task, request) {
  return h('dl', {},
    row(t('askedService'), display(request?.code)),
    row(t('askedDomain'), domainLabel(domainOf(request))),
    row(t('askedNote'), (request?.note || []).map((n) => h('p', {}, n.text))),
    row(t('askedReceived'), formatDate(task.authoredOn, true)));
}

/**
 * The requester and how to reach them: the role's contacts, the person's name, the organization
 * (one search with both includes; the requester itself came with the Task).
 */
async function referrerOf(reference, included) {
  const requester = included.get(reference);
  if (!requester) {
    return null;
  }
  if (requester.resourceType !== 'PractitionerRole') {
    return { name: personName(requester) || requester.name, telecom: requester.telecom };
  }
  const details = await fhir(`PractitionerRole?_id=${requester.id}`
    + '&_include=PractitionerRole:practitioner&_include=PractitionerRole:organization').catch(() => null);
  const found = byReference(details);
  const person = found.get(requester.practitioner?.reference);
  const organization = found.get(requester.organization?.reference);
  return {
    name: personName(person),
    organization: organization?.name,
    telecom: [...(requester.telecom || []), ...(person?.telecom || []), ...(organization?.telecom || [])],
  };
}

function referrerDetails(referrer, reference) {
  if (!referrer) {
    return h('p', {}, reference?.display || reference?.reference || t('referrerUnknown'));
  }
  return h('dl', {},
    row(t('referrerName'), referrer.name),
    row(t('referrerOrganization'), referrer.organization),
    row(t('referrerContact'), contacts(referrer.telecom)));
}

function supportingDetails(request, bundle) {
  const wanted = new Set((request?.supportingInfo || []).map((r) => r.reference));
  const shown = (bundle?.entry || []).map((e) => e.resource)
    .filter((r) => r && wanted.has(`${r.resourceType}/${r.id}`));
  const withheld = withheldNotice(bundle) || shown.length < wanted.size;
  return [
    shown.length ? h('ul', {}, shown.map((r) => h('li', {}, supportingText(r)))) : h('p', {}, t('supportingNone')),
    withheld ? h('p', { class: 'withheld' }, t('supportingWithheld')) : null,
  ];
}

function supportingText(resource) {
  switch (resource.resourceType) {
    case 'Observation': {
      const value = display(resource.valueCodeableConcept) || resource.valueString
        || (resource.valueQuantity ? `${resource.valueQuantity.value} ${resource.valueQuantity.unit || ''}` : '')
        || (resource.valueBoolean !== undefined ? t(resource.valueBoolean ? 'yes' : 'no') : '');
      return [display(resource.code), value].filter(Boolean).join(': ');
    }
    case 'Condition':
      return `${t('supportingCondition')}: ${display(resource.code)}`;
    case 'Consent':
      return t('supportingConsent', { date: formatDate(resource.dateTime) });
    case 'QuestionnaireResponse':
      return t('supportingQuestionnaire', { date: formatDate(resource.authored) });
    default:
      return `${resource.resourceType}: ${display(resource.code)}`;
  }
}

function messageThread(task, request, messages, rerender) {
  const me = currentUser()?.organization;
  const draftKey = `reply.${task.id}`;
  const text = keepDraft(h('textarea', { id: 'reply', name: 'reply', rows: '3', required: true }), draftKey);
  return [
    messages.length
      ? h('ol', { class: 'thread' }, messages.map((m) => h('li', { class: m.sender?.reference === me ? 'mine' : 'theirs' },
        h('p', { class: 'meta' }, `${m.sender?.reference === me ? t('messageFromUs') : t('messageFromReferrer')} · ${formatDate(m.sent, true)}`),
        (m.payload || []).map((p) => h('p', {}, p.contentString || t('messageAttachment'))))))
      : h('p', {}, t('messagesNone')),
    h('form', {
      class: 'reply',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!text.value.trim()) {
          return;
        }
        clearFeedback();
        try {
          await fhir('Communication', { method: 'POST', body: reply(task, request, me, text.value.trim()) });
          clearDraft(draftKey);
          tell(t('messageSent'));
          await rerender();
        } catch (error) {
          fail(error);
        }
      },
    },
    h('label', { for: 'reply' }, t('replyLabel')),
    text,
    h('button', { type: 'submit' }, t('replySend'))),
  ];
}

/** A message to the referrer about this referral: part of the Task, based on the ServiceRequest. */
function reply(task, request, me, text) {
  return {
    resourceType: 'Communication',
    status: 'completed',
    partOf: [{ reference: `Task/${task.id}` }],
    basedOn: request ? [{ reference: `ServiceRequest/${request.id}` }] : undefined,
    subject: task.for,
    sent: new Date().toISOString(),
    sender: me ? { reference: me } : undefined,
    recipient: task.requester ? [task.requester] : undefined,
    payload: [{ contentString: text }],
  };
}

/** One line per status change, oldest first, from the Task's version history. */
function statusHistory(versions) {
  const changes = versions.slice().reverse()
    .filter((version, i, all) => i === 0 || version.status !== all[i - 1].status);
  return h('ol', { class: 'history' }, changes.map((v) => h('li', {},
    h('span', { class: 'meta' }, formatDate(v.meta?.lastUpdated, true)), ' ',
    h('strong', {}, statusLabel(v.status)),
    v.statusReason ? ` — ${reasonText(v.statusReason)}` : '')));
}
