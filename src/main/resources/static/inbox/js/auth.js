// OAuth 2.0 authorization code + PKCE (RFC 7636) against the issuer named by the server's SMART
// discovery document: the ~50 lines a public browser client needs, with WebCrypto for the S256
// challenge. Tokens live in sessionStorage (this tab only); a refresh token renews them quietly.
import { currentLanguage } from './i18n.js';

const SESSION = 'inbox.session';
const PENDING = 'inbox.signin';
/** Where the metrics page (/metrics, same origin) looks for a bearer token: the hand-over to it. */
const SHARED_TOKEN = 'sdoh.accessToken';
// user/HealthcareService.u: the server lets it report capacity of the organization's own services only
const SCOPES = 'openid fhirUser user/*.rs user/Task.rus user/Communication.crs user/Procedure.crs user/HealthcareService.u';
const CLIENT_ID = document.querySelector('meta[name="oauth-client-id"]').content;
export const FHIR_BASE = `${location.origin}/fhir`;

let discovery;

async function smartConfiguration() {
  if (!discovery) {
    const response = await fetch(`${FHIR_BASE}/.well-known/smart-configuration`);
    if (!response.ok) {
      throw new Error(`SMART discovery failed: ${response.status}`);
    }
    discovery = await response.json();
  }
  return discovery;
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Leaves for the sign-in page; {@code returnTo} (a #route) is where the user comes back to. */
export async function signIn(returnTo) {
  const smart = await smartConfiguration();
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(smart.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    scope: SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    aud: FHIR_BASE,
    ui_locales: currentLanguage(), // Keycloak's login page in the inbox's language
  });
  location.assign(url);
}

/** On return from the sign-in page: checks state, swaps the code for tokens, restores the route. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', redirectUri() + (pending?.returnTo || '#/'));
  if (params.has('error') || !pending || params.get('state') !== pending.state) {
    throw new Error(params.get('error_description') || params.get('error') || 'state mismatch');
  }
  await tokenRequest({
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri(),
    client_id: CLIENT_ID,
    code_verifier: pending.verifier,
  });
}

async function tokenRequest(form) {
  const smart = await smartConfiguration();
  const response = await fetch(smart.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  if (!response.ok) {
    forgetSession();
    throw new Error(`token endpoint answered ${response.status}`);
  }
  const tokens = await response.json();
  sessionStorage.setItem(SHARED_TOKEN, tokens.access_token);
  sessionStorage.setItem(SESSION, JSON.stringify({
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    idToken: tokens.id_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  }));
}

function forgetSession() {
  sessionStorage.removeItem(SESSION);
  sessionStorage.removeItem(SHARED_TOKEN);
}

function session() {
  return JSON.parse(sessionStorage.getItem(SESSION) || 'null');
}

/** A current access token, renewed with the refresh token when needed; null when signed out or expired. */
export async function accessToken() {
  const current = session();
  if (!current) {
    return null;
  }
  if (current.expiresAt - 15000 > Date.now()) {
    return current.access;
  }
  if (current.refresh) {
    try {
      await tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refresh, client_id: CLIENT_ID });
      return session().access;
    } catch {
      // the sign-in session itself has ended: the caller signs in again
    }
  }
  forgetSession();
  return null;
}

/** Who is signed in, from the access token: name, the organization acted for, granted scopes. */
export function currentUser() {
  const current = session();
  if (!current) {
    return null;
  }
  const payload = atob(current.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(payload, (c) => c.charCodeAt(0))));
  return {
    name: claims.name || claims.preferred_username,
    organization: claims.fhir_organization,
    scopes: (claims.scope || '').split(' '),
  };
}

/** Ends the session here and at the issuer (OpenID Connect RP-initiated logout). */
export async function signOut() {
  const current = session();
  forgetSession();
  const smart = await smartConfiguration();
  const oidc = await fetch(`${smart.issuer}/.well-known/openid-configuration`).then((r) => r.json()).catch(() => ({}));
  if (!oidc.end_session_endpoint) {
    location.assign(redirectUri());
    return;
  }
  const url = new URL(oidc.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    post_logout_redirect_uri: redirectUri(),
    ...(current?.idToken ? { id_token_hint: current.idToken } : {}),
  });
  location.assign(url);
}
