/**
 * The function logs as CloudWatch Logs would hold them: a log group `/aws/lambda/<name>` per
 * function and a stream per execution environment, each event one message with its timestamp.
 * Shapes follow the SDK's `DescribeLogStreams` / `GetLogEvents` / `FilterLogEvents`.
 */

/** The SDK's `OutputLogEvent`. */
export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

/** The SDK's `LogStream` (the fields fogbank fills). */
export interface LogStream {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
}

/** `[timestamp, message]` pairs, or something that formats them when first read. */
export type LogBatch = readonly (readonly [number, string])[] | { events(): readonly (readonly [number, string])[] };

// Events are kept as the batches they arrived in ([timestamp, message] pairs sharing an
// ingestion time), possibly not yet formatted, and shaped into OutputLogEvents only when read:
// writing stays allocation-light.
interface StoredStream {
  creationTime: number;
  batches: { ingestionTime: number; events: LogBatch }[];
}

function eventsOf(stored: StoredStream): OutputLogEvent[] {
  return stored.batches.flatMap(({ ingestionTime, events }) =>
    ('events' in events ? events.events() : events).map(([timestamp, message]) => ({ timestamp, message, ingestionTime })),
  );
}

export class LogStore {
  readonly #groups = new Map<string, Map<string, StoredStream>>();

  /** Creates the stream if needed and appends events (`[timestamp, message]`, or a function giving them). */
  append(group: string, stream: string, events: LogBatch, ingestionTime: number): void {
    let streams = this.#groups.get(group);
    if (streams === undefined) this.#groups.set(group, (streams = new Map()));
    let stored = streams.get(stream);
    if (stored === undefined) streams.set(stream, (stored = { creationTime: ingestionTime, batches: [] }));
    stored.batches.push({ ingestionTime, events });
  }

  /** DescribeLogStreams: the group's streams, ordered by name. */
  describeLogStreams(input: { logGroupName: string }): { logStreams: LogStream[] } {
    const streams = this.#groups.get(input.logGroupName) ?? new Map<string, StoredStream>();
    const logStreams = [...streams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([logStreamName, stored]) => {
        const events = eventsOf(stored);
        const first = events[0];
        const last = events[events.length - 1];
        return {
          logStreamName,
          creationTime: stored.creationTime,
          ...(first !== undefined ? { firstEventTimestamp: first.timestamp } : {}),
          ...(last !== undefined ? { lastEventTimestamp: last.timestamp, lastIngestionTime: last.ingestionTime } : {}),
          storedBytes: 0,
        };
      });
    return { logStreams };
  }

  /** GetLogEvents: one stream's events, oldest first. */
  getLogEvents(input: { logGroupName: string; logStreamName: string }): { events: OutputLogEvent[] } {
    const stored = this.#groups.get(input.logGroupName)?.get(input.logStreamName);
    return { events: stored === undefined ? [] : eventsOf(stored) };
  }

  /** FilterLogEvents without a pattern: every event of the group, ordered by time, with its stream. */
  filterLogEvents(input: { logGroupName: string }): { events: (OutputLogEvent & { logStreamName: string })[] } {
    const streams = this.#groups.get(input.logGroupName) ?? new Map<string, StoredStream>();
    const events = [...streams.entries()].flatMap(([logStreamName, stored]) =>
      eventsOf(stored).map((event) => ({ ...event, logStreamName })),
    );
    return { events: events.sort((a, b) => a.timestamp - b.timestamp) };
  }

  /** Drops a group (DeleteFunction keeps logs on AWS; this is for tests that reset). */
  deleteLogGroup(group: string): void {
    this.#groups.delete(group);
  }
}
