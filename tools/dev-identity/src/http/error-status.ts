import { DevIdentityErrorCode } from '../dev-identity.error';

/** The one place that maps a domain error code to an HTTP status. */
export const ERROR_STATUS: Record<DevIdentityErrorCode, number> = {
  [DevIdentityErrorCode.TokenInvalid]: 401,
  [DevIdentityErrorCode.AdminKeyInvalid]: 401,
  [DevIdentityErrorCode.ValidationFailed]: 400,
  [DevIdentityErrorCode.InvalidJson]: 400,
  [DevIdentityErrorCode.PayloadTooLarge]: 413,
  [DevIdentityErrorCode.NotFound]: 404,
  [DevIdentityErrorCode.Conflict]: 409,
  [DevIdentityErrorCode.NotAMember]: 409,
  [DevIdentityErrorCode.NoSigningKey]: 409,
  [DevIdentityErrorCode.EventsDisabled]: 409,
  [DevIdentityErrorCode.EventPublishFailed]: 502,
  [DevIdentityErrorCode.Unavailable]: 503,
};
