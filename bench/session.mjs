// The benches call the API as the web app does: with the session cookie a login returns.

/**
 * Logs in to a running server with its token; returns the `cookie` header value for later requests.
 * @param {{ url: string, token: string }} app
 */
export async function sessionCookie(app) {
  const login = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: app.token }) })
  const cookie = login.headers.get('set-cookie')?.split(';')[0]
  if (!login.ok || !cookie) throw new Error(`login answered ${login.status} without a session cookie: ${(await login.text()).slice(0, 300)}`)
  return cookie
}
