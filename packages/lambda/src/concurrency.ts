import { InvalidParameterValueException, type ThrottleReason } from './errors.js';

/**
 * Lambda's concurrency admission (docs: https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html;
 * the algorithm is LocalStack's, validated against AWS): a function with reserved concurrency
 * runs up to its reservation; the others share what the reservations leave of the account limit.
 */
export const MINIMUM_UNRESERVED_CONCURRENCY = 100;

/** One function's view for admission. */
export interface FunctionConcurrency {
  readonly reserved: number | undefined;
  readonly running: number;
}

/**
 * Whether one more invocation may start, or the throttle reason.
 * @param accountInUse the sum over every function of its reservation, or of its running
 *   invocations when it has none (computed only for unreserved targets)
 */
export function admit(
  target: FunctionConcurrency,
  accountInUse: () => number,
  accountLimit: number,
): ThrottleReason | undefined {
  if (target.reserved !== undefined) {
    return target.running < target.reserved ? undefined : 'ReservedFunctionConcurrentInvocationLimitExceeded';
  }
  return accountInUse() < accountLimit ? undefined : 'ConcurrentInvocationLimitExceeded';
}

/**
 * PutFunctionConcurrency's rule: reservations may not push the unreserved pool below 100.
 * @param otherReservations the reservations of every other function
 */
export function checkReservation(requested: number, otherReservations: number, accountLimit: number): void {
  if (accountLimit - otherReservations - requested < MINIMUM_UNRESERVED_CONCURRENCY) {
    throw new InvalidParameterValueException(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MINIMUM_UNRESERVED_CONCURRENCY}].`,
    );
  }
}
