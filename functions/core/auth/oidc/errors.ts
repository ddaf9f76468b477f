// The errors of single sign-on. Details name what failed for the server log and the problem;
// nothing the provider answered (its text, addresses) goes to the browser.
import { AppError } from '../../errors.ts'

export const ssoNotConfigured = () =>
  new AppError('SSO_NOT_CONFIGURED', 'Single sign-on is not configured (KAFKA_PLUS_OIDC_ISSUER).', { status: 404 })

/** The provider could not be reached or answered something unusable. */
export const ssoProviderUnavailable = (message: string, cause?: unknown) =>
  new AppError('SSO_PROVIDER_UNAVAILABLE', message, { status: 502, retryable: true, cause })

/** The sign-in itself is refused: a forged or stale callback, a refused consent, a bad token. */
export const ssoFailed = (message: string, cause?: unknown) =>
  new AppError('SSO_FAILED', message, { status: 401, cause })

export const invalidIdToken = (reason: string) =>
  new AppError('SSO_INVALID_ID_TOKEN', `The ID token was refused: ${reason}.`, { status: 401 })

export const ssoNoRole = (name: string, claim: string) =>
  new AppError('SSO_NO_ROLE', `'${name}' signed in, but no role is mapped to their '${claim}' claim; ask an admin for access.`, { status: 403 })
