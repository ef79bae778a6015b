import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from './config.js';
import { costOf, formatCost, US_EAST_1_PRICES, type Prices } from './cost.js';
import { formatDiagnostics, readDefinition } from './definition.js';
import { CliError, messageOf } from './errors.js';
import { combinedExitCode, EXIT, exitCodeOf, type ExitCode } from './exit-codes.js';
import { styles } from './format.js';
import { parseJson, readInputs } from './inputs.js';
import type { CliIo } from './io.js';
import { graphDefinition, type GraphFormat } from './graph/index.js';
import { invokeHandler, parseEnvironment } from './invoke.js';
import { describeRun, runDefinition } from './run.js';
import { serveConfig } from './serve/index.js';
import { formatTimeline } from './timeline.js';
import { validateFile } from './validate.js';

// dist/cli/ and src/cli/ both sit two levels below the package's package.json.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const typeOption = () =>
  new Option('--type <type>', 'state machine type').choices(['standard', 'express', 'STANDARD', 'EXPRESS']).default('standard');

function machineType(value: string): 'STANDARD' | 'EXPRESS' {
  return value.toUpperCase() === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
}

/**
 * The `fogbank` command: parses `argv` (without `node` and the script) and calls the programmatic
 * API, printing results on stdout and diagnostics on stderr. Resolves to the exit code (docs/cli.md).
 *
 * @example
 * const code = await runCli(['validate', 'order.asl.json'], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.OK;
  const program = new Command('fogbank')
    .description('A local serverless cloud: run Step Functions state machines and Lambda functions in-process, with AWS semantics.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description('Run a state machine: prints a timeline of the execution, then its output')
    .argument('<definition>', 'the ASL definition (JSON file)')
    .option('--input <json>', 'the execution input (JSON)')
    .option('--input-file <file>', "a file holding the execution input ('-' for stdin)")
    .addOption(typeOption())
    .option('--config <file>', 'config file declaring functions (default ./fogbank.config.{json,js,mjs,ts})')
    .option('--mock-config <file>', "Step Functions Local's mock config: Task states answer from it")
    .option('--test-case <name>', 'the test case of --mock-config to apply')
    .option('--virtual-time', 'run Waits, Retry back-off and timeouts in simulated time', false)
    .option('--history', 'print the AWS-shaped history events', false)
    .option('--json', 'print the result object only, one JSON line per execution', false)
    .action(async (definition: string, opts: RunFlags) => {
      exitCode = await runCommand(io, definition, opts);
    });

  program
    .command('validate')
    .description('Check a definition as ValidateStateMachineDefinition does: every diagnostic with its location')
    .argument('<definition>', 'the ASL definition (JSON file)')
    .addOption(typeOption())
    .option('--json', 'print { valid, diagnostics } as JSON', false)
    .action(async (definition: string, opts: { type: string; json: boolean }) => {
      const report = await validateFile(io.cwd, definition, machineType(opts.type));
      if (opts.json) io.stdout(`${JSON.stringify({ valid: report.valid, diagnostics: report.diagnostics })}\n`);
      else if (report.diagnostics.length === 0) io.stdout(`${report.file}: valid ${report.type} state machine\n`);
      else io.stdout(`${report.file}: ${report.valid ? 'valid, with warnings' : 'invalid'}\n${formatDiagnostics(report.diagnostics)}\n`);
      exitCode = report.valid ? EXIT.OK : EXIT.FAILED;
    });

  program
    .command('invoke')
    .description('Invoke a Lambda handler once per event: prints the response on stdout, then the START/END/REPORT log on stderr')
    .argument('<dir>', "the function's code directory")
    .argument('<handler>', 'the handler, e.g. index.handler')
    .option('--event <json>', 'the event (JSON)')
    .option('--event-file <file>', "a file holding the event ('-' for stdin)")
    .option('--timeout <seconds>', 'Timeout in seconds (default 3)', integer)
    .option('--memory <mb>', 'MemorySize in MB (default 128)', integer)
    .option('--env <KEY=VALUE>', 'an environment variable (repeatable)', collect, [])
    .option('--runtime <runtime>', 'the Node.js runtime (default nodejs20.x)')
    .option('--config <file>', 'config file whose cloud the function runs in (tables for its SDK calls)')
    .option('--json', 'print each Invoke response as one JSON line (payload and log decoded)', false)
    .action(async (dir: string, handler: string, opts: InvokeFlags) => {
      exitCode = await invokeCommand(io, dir, handler, opts);
    });

  program
    .command('graph')
    .description('Draw a state machine (Mermaid, SVG or HTML); with --execution, the path taken, failed states and retries')
    .argument('<definition>', 'the ASL definition (JSON file)')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'svg', 'html']).default('mermaid'))
    .option('--execution <file>', 'an execution history (fogbank run --history > F) to mark on the picture')
    .action(async (definition: string, opts: { format: GraphFormat; execution?: string }) => {
      io.stdout(await graphDefinition({ definition, cwd: io.cwd, format: opts.format, ...(opts.execution !== undefined ? { execution: opts.execution } : {}) }));
    });

  program
    .command('cost')
    .description('Run a workflow once (virtual time) and price it as Standard and as Express, plus its Lambda calls, per run and per month')
    .argument('<definition>', 'the ASL definition (JSON file)')
    .option('--input <json>', 'the execution input (JSON)')
    .option('--input-file <file>', 'a file holding the execution input')
    .option('--executions <n>', 'executions per month (default 1000000)', integer)
    .option('--config <file>', 'config file declaring the functions the workflow calls')
    .option('--prices <file>', 'JSON overriding prices (keys of US_EAST_1_PRICES, see docs/cli.md)')
    .option('--express-memory <mb>', 'Express memory per execution (default 64, billed in 64 MB steps)', integer)
    .option('--json', 'print the estimate as JSON', false)
    .action(async (definition: string, opts: CostFlags) => {
      exitCode = await costCommand(io, definition, opts);
    });

  program
    .command('serve')
    .description("Start the local endpoint with the config's functions, tables and state machines; stop with Ctrl-C")
    .option('--port <port>', 'port to listen on (default 4566; 0 picks a free one)', (v) => (v === '0' ? 0 : integer(v)))
    .option('--host <host>', 'interface to bind (default 127.0.0.1)')
    .option('--config <file>', 'config file (default ./fogbank.config.{json,js,mjs,ts})')
    .action(async (opts: { port?: number; host?: string; config?: string }) => {
      const config = await loadConfig(io.cwd, opts.config);
      const { close, summary } = await serveConfig({ config, ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.host !== undefined ? { host: opts.host } : {}) });
      io.stdout(`${JSON.stringify(summary)}\n`);
      io.stderr(`fogbank: serving ${summary.protocols.join(', ')} at ${summary.endpoint} (${summary.functions.length} functions, ${summary.tables.length} tables, ${summary.stateMachines.length} state machines); Ctrl-C stops\n`);
      await io.untilStopped();
      await close();
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (thrown) {
    return failure(io, thrown);
  }
}

interface CostFlags {
  input?: string;
  inputFile?: string;
  executions?: number;
  config?: string;
  prices?: string;
  expressMemory?: number;
  json: boolean;
}

async function costCommand(io: CliIo, definition: string, opts: CostFlags): Promise<ExitCode> {
  const inputs = await readInputs(io, { input: opts.input, inputFile: opts.inputFile });
  if (inputs.length !== 1) throw new CliError('FOGBANK_USAGE', 'cost prices one input; give it with --input or --input-file');
  const config = await loadConfig(io.cwd, opts.config);
  const prices = opts.prices === undefined ? undefined : await readPrices(io, opts.prices);
  const estimate = await costOf({
    definition,
    cwd: io.cwd,
    input: inputs[0]!,
    config,
    now: () => io.now(),
    ids: () => io.newId(),
    ...(opts.executions !== undefined ? { executionsPerMonth: opts.executions } : {}),
    ...(prices !== undefined ? { prices } : {}),
    ...(opts.expressMemory !== undefined ? { expressMemoryMb: opts.expressMemory } : {}),
  });
  io.stdout(opts.json ? `${JSON.stringify(estimate)}\n` : formatCost(definition, estimate));
  if (estimate.status !== 'SUCCEEDED') io.stderr(`fogbank: the priced run ended ${estimate.status}; the estimate covers what it did until then.\n`);
  return exitCodeOf(estimate.status);
}

async function readPrices(io: CliIo, file: string): Promise<Partial<Prices>> {
  const text = (await readDefinition(io.cwd, file)).text;
  const parsed = parseJson(text, file);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliError('FOGBANK_INVALID_CONFIG', `${file}: prices are an object`);
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in US_EAST_1_PRICES)) throw new CliError('FOGBANK_INVALID_CONFIG', `${file}: unknown price '${key}' (known: ${Object.keys(US_EAST_1_PRICES).join(', ')})`);
    if (typeof value !== 'number' || value < 0) throw new CliError('FOGBANK_INVALID_CONFIG', `${file}: '${key}' must be a non-negative number of US dollars`);
  }
  return parsed as Partial<Prices>;
}

interface InvokeFlags {
  event?: string;
  eventFile?: string;
  timeout?: number;
  memory?: number;
  env: string[];
  runtime?: string;
  config?: string;
  json: boolean;
}

async function invokeCommand(io: CliIo, dir: string, handler: string, opts: InvokeFlags): Promise<ExitCode> {
  const events = await readInputs(io, { input: opts.event, inputFile: opts.eventFile }, '--event');
  const config = await loadConfig(io.cwd, opts.config);
  const invocations = await invokeHandler({
    directory: dir,
    handler,
    cwd: io.cwd,
    events,
    config,
    environment: parseEnvironment(opts.env),
    ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}),
    ...(opts.memory !== undefined ? { memory: opts.memory } : {}),
    ...(opts.runtime !== undefined ? { runtime: opts.runtime } : {}),
  });
  for (const invocation of invocations) {
    if (opts.json) {
      io.stdout(`${JSON.stringify(invocation)}\n`);
      continue;
    }
    io.stdout(`${prettyPayload(invocation.payload)}\n`);
    io.stderr(invocation.log.endsWith('\n') ? invocation.log : `${invocation.log}\n`);
  }
  return invocations.some((i) => i.functionError !== undefined) ? EXIT.FAILED : EXIT.OK;
}

/** The payload indented when it is JSON, as it came otherwise. */
function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number is expected');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface RunFlags {
  input?: string;
  inputFile?: string;
  type: string;
  config?: string;
  virtualTime: boolean;
  mockConfig?: string;
  testCase?: string;
  history: boolean;
  json: boolean;
}

async function runCommand(io: CliIo, definition: string, opts: RunFlags): Promise<ExitCode> {
  if ((opts.mockConfig === undefined) !== (opts.testCase === undefined)) {
    throw new CliError('FOGBANK_USAGE', '--mock-config and --test-case go together: the file, and which of its test cases to apply.');
  }
  const inputs = await readInputs(io, { input: opts.input, inputFile: opts.inputFile });
  const config = await loadConfig(io.cwd, opts.config);
  const report = await runDefinition({
    ...(opts.mockConfig !== undefined ? { mock: { file: opts.mockConfig, testCase: opts.testCase! } } : {}),
    definition,
    cwd: io.cwd,
    inputs,
    type: machineType(opts.type),
    config,
    virtualTime: opts.virtualTime,
    now: () => io.now(),
    ids: () => io.newId(),
    onStart: (index, total) => {
      if (total > 1 && io.interactive) io.stderr(`execution ${index + 1} of ${total}\n`);
    },
    // A one-line status on a terminal's stderr, rewritten in place and cleared at the end.
    ...(io.interactive ? { onProgress: (state: string) => io.stderr(`\r\u001b[Krunning: ${state}`) } : {}),
  });
  if (io.interactive) io.stderr('\r\u001b[K');
  const s = styles(io.color);
  for (const run of report.executions) {
    if (opts.json) io.stdout(`${JSON.stringify(describeRun(run, opts.history))}\n`);
    else if (opts.history) io.stdout(`${JSON.stringify({ events: run.history }, null, 2)}\n`);
    else io.stdout(formatTimeline(run, s));
  }
  if (report.executions.some((run) => run.error === 'Lambda.ResourceNotFoundException')) {
    const where = config.file ?? 'a fogbank.config.json (or pass --config)';
    io.stderr(`fogbank: hint: a Task calls a Lambda function that does not exist; declare it in the "functions" of ${where}.\n`);
  }
  return combinedExitCode(report.executions.map((run) => exitCodeOf(run.status)));
}

/** Prints a thrown error the way its kind deserves and picks the exit code. */
function failure(io: CliIo, thrown: unknown): ExitCode {
  if (thrown instanceof CommanderError) {
    // Help and version are successes; commander has already printed its own message.
    if (thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version' || thrown.code === 'commander.help') return EXIT.OK;
    return EXIT.USAGE;
  }
  if (thrown instanceof CliError) {
    io.stderr(`fogbank: ${thrown.message}\n`);
    return thrown.exitCode;
  }
  io.stderr(`fogbank: internal error (please report it): ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : messageOf(thrown)}\n`);
  return EXIT.INTERNAL;
}
