// Codes the inbox shows and sends, with their labels from the message files.
import { fhir } from './fhir.js';
import { tOr } from './i18n.js';

export const SDOHCC_CODES = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
export const TASK_CODES = 'http://hl7.org/fhir/CodeSystem/task-code';
export const BUSINESS_STATUS = 'http://sdoh-referral-hub.org/fhir/CodeSystem/referral-business-status';
export const STATUS_REASONS = 'http://sdoh-referral-hub.org/fhir/ValueSet/referral-status-reason';

/** SDOH domains of the Gravity IG that CBOs are most often referred for (ServiceRequest.category). */
export const DOMAINS = [
  'food-insecurity', 'housing-instability', 'homelessness', 'inadequate-housing', 'transportation-insecurity',
  'financial-insecurity', 'utility-insecurity', 'employment-status', 'educational-attainment',
  'social-connection', 'intimate-partner-violence', 'elder-abuse', 'health-insurance-coverage-status',
  'material-hardship', 'stress', 'veteran-status',
];

export const STATUSES = ['requested', 'accepted', 'in-progress', 'on-hold', 'completed', 'rejected', 'cancelled', 'failed'];

export function domainOf(serviceRequest) {
  return (serviceRequest?.category || []).flatMap((c) => c.coding || []).find((c) => c.system === SDOHCC_CODES);
}

export function domainLabel(coding) {
  return coding ? tOr(`domain.${coding.code}`, coding.display || coding.code) : '';
}

export function statusLabel(status) {
  return tOr(`status.${status}`, status);
}

export function isOverdue(task) {
  return (task.businessStatus?.coding || []).some((c) => c.system === BUSINESS_STATUS && c.code === 'overdue');
}

let reasons;

/** The rejection/cancel/hold reasons, expanded by the server from the referral-status-reason ValueSet. */
export async function statusReasons() {
  if (!reasons) {
    const expansion = await fhir(`ValueSet/$expand?url=${encodeURIComponent(STATUS_REASONS)}`);
    reasons = expansion.expansion?.contains || [];
  }
  return reasons;
}

export function reasonLabel(coding) {
  return tOr(`reason.${coding.code}`, coding.display || coding.code);
}
