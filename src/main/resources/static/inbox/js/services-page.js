// Item 5: my organization's services with their capacity status (the Gravity capacity-status
// extension) and the directory corrections reported about each. Switching capacity uses the server's
// $set-capacity operation; where the server does not offer it (the directory feature is optional) or
// the user's token may not update services, the switch is not shown and the list stays read-only.
import { currentUser } from './auth.js';
import { confirmDialog } from './dialog.js';
import { h, show } from './dom.js';
import { fail, tell } from './feedback.js';
import {
  display, fhir, resources, versionTag,
} from './fhir.js';
import { formatDate, t, tOr } from './i18n.js';

const CAPACITY_EXTENSION = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus';
const CAPACITY_CODES = ['capacity', 'waitlist', 'no-capacity'];
/** The directory's correction reports (README "Directory", DirectoryTaskRules). */
const CORRECTION = 'http://sdoh-referral-hub.org/fhir/CodeSystem/directory-task|directory-correction';

let canSetCapacity;

/** A HealthcareService update scope (SMART v1 write or v2 u), which $set-capacity's write needs. */
function mayUpdateServices() {
  return (currentUser()?.scopes || []).some((scope) => /^user\/(HealthcareService|\*)\.(write|\*|c?r?u)/.test(scope));
}

async function capacityOperationOffered() {
  if (!mayUpdateServices()) {
    return false;
  }
  if (canSetCapacity === undefined) {
    const statement = await fhir('metadata');
    canSetCapacity = (statement.rest || []).flatMap((r) => r.resource || [])
      .some((r) => r.type === 'HealthcareService' && (r.operation || []).some((o) => o.name === 'set-capacity'));
  }
  return canSetCapacity;
}

function capacityOf(service) {
  const extension = (service.extension || []).find((e) => e.url === CAPACITY_EXTENSION);
  const status = extension?.extension?.find((e) => e.url === 'capacityStatus')?.valueCodeableConcept?.coding?.[0];
  const notes = extension?.extension?.find((e) => e.url === 'capacityNotes')?.valueString;
  return status ? { code: status.code, display: status.display, notes } : null;
}

export async function renderServices(main, organization) {
  // the server adds owner = my organization to the Task search: only reports routed to us
  const [bundle, reports, switchable] = await Promise.all([
    fhir(`HealthcareService?organization=${encodeURIComponent(organization)}&_count=100`),
    fhir(`Task?code=${encodeURIComponent(CORRECTION)}&status=requested,accepted,in-progress&_sort=authored-on&_count=100`),
    capacityOperationOffered(),
  ]);
  const services = resources(bundle, 'HealthcareService');
  const corrections = resources(reports, 'Task');
  const rerender = () => renderServices(main, organization).catch(fail);
  document.title = `${t('servicesTitle')} · ${t('appTitle')}`;
  show(main,
    h('h1', { tabindex: '-1' }, t('servicesTitle')),
    switchable ? null : h('p', { class: 'meta' }, t('capacityNotOffered')),
    services.length
      ? h('ul', { class: 'cards' }, services.map((s) => serviceCard(s, switchable,
        corrections.filter((c) => c.focus?.reference === `HealthcareService/${s.id}`), rerender)))
      : h('p', {}, t('servicesNone')),
  );
}

function serviceCard(service, switchable, corrections, rerender) {
  const capacity = capacityOf(service);
  const label = (code, fallback) => tOr(`capacity.${code}`, fallback || code);
  return h('li', { class: 'card', id: `service-${service.id}` },
    h('h2', {}, service.name || display(service.type?.[0])),
    h('p', {}, (service.type || []).map(display).join(', ')),
    capacity ? h('p', {}, h('strong', {}, `${t('capacityNow')}: `), label(capacity.code, capacity.display),
      capacity.notes ? ` — ${capacity.notes}` : '') : null,
    switchable ? h('div', { class: 'actions', role: 'group', 'aria-label': t('capacitySwitch', { service: service.name }) },
      CAPACITY_CODES.map((code) => h('button', {
        type: 'button',
        class: capacity?.code === code ? null : 'secondary',
        'aria-pressed': String(capacity?.code === code),
        onclick: async () => {
          try {
            await fhir(`HealthcareService/${service.id}/$set-capacity`, {
              method: 'POST',
              body: { resourceType: 'Parameters', parameter: [{ name: 'status', valueCode: code }] },
            });
            tell(t('capacitySaved', { service: service.name, status: label(code) }));
            await rerender();
          } catch (error) {
            fail(error);
          }
        },
      }, label(code)))) : null,
    correctionQueue(service, corrections, rerender));
}

/** The open correction reports about one service, each to mark as fixed or to dismiss with a reason. */
function correctionQueue(service, corrections, rerender) {
  const heading = `corrections-${service.id}`;
  return h('div', { class: 'corrections' },
    h('h3', { id: heading }, t('correctionsTitle', { count: corrections.length })),
    corrections.length
      ? h('ul', { 'aria-labelledby': heading }, corrections.map((report) => h('li', { class: 'correction' },
        // the buttons of each report say which report they answer
        h('p', { id: `correction-${report.id}` }, reportText(report)),
        h('p', { class: 'meta' }, t('correctionReported', { date: formatDate(report.authoredOn, true) })),
        h('div', { class: 'actions' }, ['apply', 'dismiss'].map((decision) => h('button', {
          type: 'button',
          class: decision === 'apply' ? 'apply' : 'secondary dismiss',
          'aria-describedby': `correction-${report.id}`,
          onclick: () => decide(decision, report, rerender),
        }, t(`correction.${decision}`)))))))
      : h('p', { class: 'meta' }, t('correctionsNone')));
}

function reportText(report) {
  const inputs = (report.input || []).map((i) => i.valueString).filter(Boolean);
  return [report.description, ...(report.note || []).map((n) => n.text), ...inputs].filter(Boolean).join(' — ');
}

/**
 * The directory's two answers to a report: applied = completed (the entry then counts as verified),
 * dismissed = rejected with a statusReason. A version-aware PUT, like every change in the inbox.
 */
function decide(decision, report, rerender) {
  const dismiss = decision === 'dismiss';
  confirmDialog({
    title: t(`correction.${decision}.title`),
    text: t(`correction.${decision}.text`),
    fields: dismiss ? [
      h('label', { for: 'dismiss-reason' }, t('correction.dismiss.reason')),
      h('textarea', { id: 'dismiss-reason', name: 'reason', rows: '3', required: true }),
    ] : [],
    submit: t(`correction.${decision}`),
    check: (values) => (dismiss && !values.reason?.trim() ? 'correction.dismiss.needsReason' : null),
    perform: async (values) => {
      const next = { ...report, status: dismiss ? 'rejected' : 'completed' };
      if (dismiss) {
        next.statusReason = { text: values.reason.trim() };
      }
      await fhir(`Task/${report.id}`, { method: 'PUT', body: next, ifMatch: versionTag(report) });
    },
    done: t(`correction.${decision}.done`),
    after: rerender,
  });
}
