/**
 * Activities: tasks a worker you run picks up with GetActivityTask and answers with
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat.
 */
import type { Clock } from '@fogbank/asl';
import { activityDoesNotExist } from './errors.js';

/** GetActivityTask's answer: a task, or nothing after the 60-second long poll. */
export interface ActivityTask {
  taskToken?: string;
  input?: string;
}

interface QueuedTask {
  readonly taskToken: string;
  readonly input: string;
  /** Called with the worker's name when a worker takes the task (ActivityStarted). */
  readonly onTaken: (workerName: string) => void;
}

interface Activity {
  readonly arn: string;
  readonly name: string;
  readonly creationDate: Date;
  readonly queue: QueuedTask[];
  readonly pollers: Array<(task: QueuedTask | undefined) => void>;
}

/** How long GetActivityTask waits for a task (AWS: 60 seconds). */
export const ACTIVITY_POLL_SECONDS = 60;

export class Activities {
  readonly #byArn = new Map<string, Activity>();

  constructor(private readonly clock: Clock) {}

  /** CreateActivity is idempotent: the same name answers the same activity. */
  create(arn: string, name: string): Activity {
    let activity = this.#byArn.get(arn);
    if (activity === undefined) {
      activity = { arn, name, creationDate: new Date(this.clock.now()), queue: [], pollers: [] };
      this.#byArn.set(arn, activity);
    }
    return activity;
  }

  has(arn: string): boolean {
    return this.#byArn.has(arn);
  }

  get(arn: string): Activity {
    const activity = this.#byArn.get(arn);
    if (activity === undefined) throw activityDoesNotExist(arn);
    return activity;
  }

  delete(arn: string): void {
    this.#byArn.delete(arn);
  }

  list(): Activity[] {
    return [...this.#byArn.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Hands a task to a waiting worker, or queues it; returns a function that withdraws it. */
  schedule(arn: string, taskToken: string, input: string, onTaken: (workerName: string) => void = () => {}): () => void {
    const activity = this.get(arn);
    const task = { taskToken, input, onTaken };
    const poller = activity.pollers.shift();
    if (poller !== undefined) {
      poller(task);
      return () => {};
    }
    activity.queue.push(task);
    return () => {
      const at = activity.queue.indexOf(task);
      if (at >= 0) activity.queue.splice(at, 1);
    };
  }

  /** Ends every long poll (empty) and releases its timer, so nothing outlives the service. */
  close(): void {
    for (const activity of this.#byArn.values()) for (const poller of activity.pollers.splice(0)) poller(undefined);
  }

  /** GetActivityTask: the oldest queued task, or waits up to 60 seconds (on the clock) for one. */
  async poll(arn: string, workerName = ''): Promise<ActivityTask> {
    const activity = this.get(arn);
    const queued = activity.queue.shift();
    if (queued !== undefined) {
      queued.onTaken(workerName);
      return { taskToken: queued.taskToken, input: queued.input };
    }
    const timer = this.clock.timer(ACTIVITY_POLL_SECONDS * 1000);
    return new Promise<ActivityTask>((resolve) => {
      // `undefined`: the service is closing; the poll ends empty, as after its 60 seconds.
      const poller = (task: QueuedTask | undefined) => {
        timer.cancel();
        task?.onTaken(workerName);
        resolve(task === undefined ? {} : { taskToken: task.taskToken, input: task.input });
      };
      activity.pollers.push(poller);
      void timer.fired.then(() => {
        const at = activity.pollers.indexOf(poller);
        if (at >= 0) activity.pollers.splice(at, 1);
        resolve({});
      });
    });
  }
}
