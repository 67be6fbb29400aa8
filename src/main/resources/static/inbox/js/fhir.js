// The FHIR API as the inbox uses it: JSON, bearer token, If-Match on updates, errors as
// OperationOutcome diagnostics.
import { accessToken, FHIR_BASE } from './auth.js';

/** The token is missing or refused: sign in again (typed text is kept as drafts). */
export class SessionExpired extends Error {}

export class FhirError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  /** Someone else changed the resource since it was read (412 for If-Match). */
  get changedMeanwhile() {
    return this.status === 412;
  }
}

export async function fhir(path, options = {}) {
  return (await request(path, options)).json;
}

/** Creates a resource and answers its "Type/id" (from Location: the body may be withheld by consent rules). */
export async function create(type, body) {
  const { response } = await request(type, { method: 'POST', body, prefer: 'return=minimal' });
  const [, id] = new URL(response.headers.get('Location'), FHIR_BASE).pathname.match(/\/fhir\/([^/]+\/[^/]+)/);
  return id;
}

async function request(path, { method = 'GET', body, ifMatch, prefer } = {}) {
  const token = await accessToken();
  if (!token) {
    throw new SessionExpired();
  }
  const headers = { Accept: 'application/fhir+json', Authorization: `Bearer ${token}` };
  if (body) {
    headers['Content-Type'] = 'application/fhir+json';
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  if (prefer) {
    headers.Prefer = prefer;
  }
  const response = await fetch(path ? `${FHIR_BASE}/${path}` : FHIR_BASE, {
    method, headers, body: body && JSON.stringify(body),
  });
  if (response.status === 401) {
    throw new SessionExpired();
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new FhirError(response.status, diagnostics(json));
  }
  return { response, json };
}

function diagnostics(outcome) {
  if (outcome?.resourceType !== 'OperationOutcome') {
    return '';
  }
  return (outcome.issue || []).map((i) => i.diagnostics || i.details?.text || i.code).filter(Boolean).join(' ');
}

export function versionTag(resource) {
  return `W/"${resource.meta.versionId}"`;
}

export function resources(bundle, type) {
  return (bundle?.entry || []).map((e) => e.resource).filter((r) => r?.resourceType === type);
}

/** Resources of a Bundle by "Type/id", for following references. */
export function byReference(bundle) {
  return new Map((bundle?.entry || []).filter((e) => e.resource?.id).map((e) => [`${e.resource.resourceType}/${e.resource.id}`, e.resource]));
}

/** The server's consent notice: an OperationOutcome entry (search mode outcome, code suppressed). */
export function withheldNotice(bundle) {
  return (bundle?.entry || []).some((e) => e.search?.mode === 'outcome'
    && (e.resource?.issue || []).some((i) => i.code === 'suppressed'));
}

export function display(concept) {
  return concept?.text || concept?.coding?.find((c) => c.display)?.display || concept?.coding?.[0]?.code || '';
}

export function personName(person) {
  const name = person?.name?.[0];
  if (!name) {
    return '';
  }
  return name.text || [...(name.given || []), name.family].filter(Boolean).join(' ');
}
