// The access token: kept in sessionStorage so it lives as long as the tab and is never written to disk by the page.
const TOKEN_KEY = 'datadistiller.token';
const ROLE_CLAIMS = ['role', 'roles', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The JWT's payload, decoded for display only: the server checks the signature, never this page. Null when not a JWT. */
export function claims() {
  const parts = (getToken() ?? '').split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

export function isAdmin() {
  const payload = claims();
  return payload !== null && ROLE_CLAIMS.some(claim => [payload[claim]].flat().includes('admin'));
}

/** "tenant acme (admin)" for the header. */
export function describeCaller() {
  const payload = claims();
  if (payload === null) {
    return '';
  }
  const tenant = payload.tenant ?? 'default';
  return `tenant ${tenant}${isAdmin() ? ' (admin)' : ''}`;
}
