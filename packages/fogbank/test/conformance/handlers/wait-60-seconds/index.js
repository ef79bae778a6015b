// wait_60_seconds.py: sleeps 60 seconds, then returns the event. The timer does not hold the process.
exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve(event), 60_000).unref());
