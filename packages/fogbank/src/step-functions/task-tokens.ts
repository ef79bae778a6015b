/**
 * Task tokens: the tasks waiting for SendTaskSuccess / SendTaskFailure (`.waitForTaskToken`
 * callbacks and activity tasks), and what AWS answers for a token that is unknown or spent.
 */
import { TaskError, type Json, type TaskContext } from '@fogbank/asl';
import { invalidToken, taskTimedOut, validationError } from './errors.js';

interface PendingTask {
  readonly executionArn: string;
  readonly heartbeat: () => void;
  readonly succeed: (output: Json) => void;
  readonly fail: (error: TaskError) => void;
}

/** AWS's limit on the `taskToken` member. */
const MAX_TOKEN_LENGTH = 2048;

export class TaskTokens {
  readonly #pending = new Map<string, PendingTask>();
  readonly #spent = new Set<string>();
  readonly #watchers = new Set<(token: string, executionArn: string) => void>();

  /** Resolves with the next token of the execution (any execution when omitted) that starts waiting, or one already waiting. */
  next(executionArn?: string): Promise<string> {
    const waiting = executionArn === undefined ? this.pending[0] : this.pendingOf(executionArn)[0];
    if (waiting !== undefined) return Promise.resolve(waiting);
    return new Promise((resolve) => {
      const watcher = (token: string, arn: string) => {
        if (executionArn !== undefined && arn !== executionArn) return;
        this.#watchers.delete(watcher);
        resolve(token);
      };
      this.#watchers.add(watcher);
    });
  }

  /** Tokens of tasks still waiting, oldest first (for tests that answer them). */
  get pending(): string[] {
    return [...this.#pending.keys()];
  }

  /** The waiting tasks of one execution, with their tokens, oldest first. */
  pendingOf(executionArn: string): string[] {
    return [...this.#pending].filter(([, task]) => task.executionArn === executionArn).map(([token]) => token);
  }

  /**
   * Registers the task's token and resolves with the output a caller sends for it. The token is
   * spent when the task ends any way (answered, timed out, stopped), so a late answer gets
   * `TaskTimedOut` as on AWS.
   */
  wait(ctx: TaskContext): Promise<Json> {
    const token = ctx.taskToken;
    if (token === undefined) return Promise.reject(new TaskError('States.Runtime', `No task token for the resource ${ctx.resource}.`));
    return new Promise<Json>((resolve, reject) => {
      const end = () => {
        this.#pending.delete(token);
        this.#spent.add(token);
        ctx.signal.removeEventListener('abort', end);
      };
      this.#pending.set(token, {
        executionArn: ctx.executionArn,
        heartbeat: () => ctx.heartbeat(),
        succeed: (output) => {
          end();
          resolve(output);
        },
        fail: (error) => {
          end();
          reject(error);
        },
      });
      if (ctx.signal.aborted) end();
      else {
        ctx.signal.addEventListener('abort', end);
        for (const watcher of [...this.#watchers]) watcher(token, ctx.executionArn);
      }
    });
  }

  /** Spends a token whose task ended without an answer (its submitting call failed). */
  cancel(token: string): void {
    const task = this.#pending.get(token);
    if (task !== undefined) task.fail(new TaskError('States.Runtime', 'cancelled'));
  }

  /** SendTaskSuccess. */
  success(token: string, output: Json): void {
    this.#take(token).succeed(output);
  }

  /** SendTaskFailure: the task fails with the given error and cause. */
  failure(token: string, error: string | undefined, cause: string | undefined): void {
    this.#take(token).fail(new TaskError(error ?? '', cause));
  }

  /** SendTaskHeartbeat: restarts the task's `HeartbeatSeconds` countdown. */
  heartbeat(token: string): void {
    this.#take(token).heartbeat();
  }

  #take(token: string): PendingTask {
    if (typeof token !== 'string' || token.length === 0) {
      throw validationError('null', 'taskToken', 'Member must not be null');
    }
    if (token.length > MAX_TOKEN_LENGTH) {
      throw validationError(`'${token}'`, 'taskToken', `Member must have length less than or equal to ${MAX_TOKEN_LENGTH}`);
    }
    const task = this.#pending.get(token);
    if (task !== undefined) return task;
    if (this.#spent.has(token)) throw taskTimedOut();
    throw invalidToken();
  }
}
