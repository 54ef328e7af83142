import { ErrorCode } from './error-code';

export interface FieldError {
  field: string;
  message: string;
}

/** A failure the client can act on; the problem-details filter maps its code to HTTP. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? code);
  }

  static notFound(what = 'The resource'): DomainException {
    return new DomainException(ErrorCode.NotFound, `${what} does not exist or is not accessible to you`);
  }

  static validation(errors: FieldError[]): DomainException {
    return new DomainException(ErrorCode.ValidationFailed, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}
