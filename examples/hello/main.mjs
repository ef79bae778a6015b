import { runExample } from './run.mjs';

const { result, history, simulatedSeconds } = await runExample();
console.log('result:', JSON.stringify(result, null, 2));
console.log(`\nhistory (${history.length} events, ${simulatedSeconds} s of simulated time):`);
for (const event of history) {
  const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  const details = detailsKey === undefined ? '' : ` ${JSON.stringify(event[detailsKey])}`;
  console.log(`${String(event.id).padStart(3)} <- ${String(event.previousEventId).padStart(3)}  ${event.type}${details}`);
}
process.exitCode = result.status === 'SUCCEEDED' ? 0 : 1;
