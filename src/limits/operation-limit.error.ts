import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';

/** An operation over one of the limits checked before execution; HTTP 400, nothing runs. */
export class OperationLimitError extends GatewayError {
  constructor(limit: string, maximum: number, message: string) {
    super(message, { code: GatewayErrorCode.OPERATION_LIMIT_EXCEEDED, limit, maximum, http: { status: 400 } });
    this.name = 'OperationLimitError';
  }
}
