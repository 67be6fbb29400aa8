// Item 5: my organization's services with their capacity status (the Gravity capacity-status
// extension). Switching uses the server's $set-capacity operation; where the server does not offer it
// (the directory feature is optional) or the user's token may not update services, the switch is
// not shown and the list stays read-only.
import { currentUser } from './auth.js';
import { h, show } from './dom.js';
import { fail, tell } from './feedback.js';
import { display, fhir, resources } from './fhir.js';
import { t, tOr } from './i18n.js';

const CAPACITY_EXTENSION = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus';
const CAPACITY_CODES = ['capacity', 'waitlist', 'no-capacity'];

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
  const [bundle, switchable] = await Promise.all([
    fhir(`HealthcareService?organization=${encodeURIComponent(organization)}&_count=100`),
    capacityOperationOffered(),
  ]);
  const services = resources(bundle, 'HealthcareService');
  const rerender = () => renderServices(main, organization).catch(fail);
  document.title = `${t('servicesTitle')} · ${t('appTitle')}`;
  show(main,
    h('h1', { tabindex: '-1' }, t('servicesTitle')),
    switchable ? null : h('p', { class: 'meta' }, t('capacityNotOffered')),
    services.length
      ? h('ul', { class: 'cards' }, services.map((s) => serviceCard(s, switchable, rerender)))
      : h('p', {}, t('servicesNone')),
  );
}

function serviceCard(service, switchable, rerender) {
  const capacity = capacityOf(service);
  const label = (code, fallback) => tOr(`capacity.${code}`, fallback || code);
  return h('li', { class: 'card' },
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
      }, label(code)))) : null);
}
