/**
 * The errors the emulator answers with, and the HTTP status each travels with.
 *
 * Statuses come from the `httpError` traits in the SDK's own model
 * (`@aws-sdk/client-cognito-identity-provider`, `dist-cjs/index.js`, the `…Exception$` schemas):
 * client faults carry 400/403/404/429; `InternalErrorException` is a server fault without a
 * trait, so it travels as 500. The SDK classifies 429 and the name `TooManyRequestsException`
 * as throttling, and 500 as transient, which is what the gateway's retry handling sees.
 */
export const EMULATOR_ERROR_STATUS = {
  InvalidParameterException: 400,
  NotAuthorizedException: 403,
  ResourceNotFoundException: 404,
  UserNotFoundException: 404,
  UserPoolAddOnNotEnabledException: 400,
  TooManyRequestsException: 429,
  InternalErrorException: 500,
  // Protocol-level errors of AWS's JSON front end, outside Cognito's model.
  UnknownOperationException: 400,
  SerializationException: 400,
} as const;

/** The `__type` of an error the emulator can answer with. */
export type EmulatorErrorType = keyof typeof EMULATOR_ERROR_STATUS;

/** An error the emulator turns into a Cognito error response. */
export class EmulatorServiceError extends Error {
  /** The HTTP status Cognito answers this error with. */
  readonly httpStatus: number;

  /**
   * @param type The error's `__type`, e.g. `UserNotFoundException`.
   * @param message The `message` member; must never contain sensitive values (usernames, tokens).
   * @param injected Whether fault injection produced it rather than the request.
   */
  constructor(
    readonly type: EmulatorErrorType,
    message: string,
    readonly injected = false,
  ) {
    super(message);
    this.name = type;
    this.httpStatus = EMULATOR_ERROR_STATUS[type];
  }
}
