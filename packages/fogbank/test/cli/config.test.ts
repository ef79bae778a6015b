import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CliError, EXIT, loadConfig, resolveConfig, runCli } from '../../src/cli/index.js';
import { fixtures, memoryIo } from './memory-io.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const built = existsSync(bin);

describe('the config file', () => {
  test('fogbank.config.mjs in the working directory is found by default; paths are relative to it; tables exist for Tasks', async () => {
    const { io, stdout, stderr } = memoryIo({ cwd: path.join(fixtures, 'js-config') });
    const code = await runCli(['run', 'greet.asl.json', '--input', '{"name":"Ada"}', '--json'], io);
    expect(stderr()).toBe('');
    expect(code).toBe(EXIT.OK);
    expect(JSON.parse(stdout())).toMatchObject({ status: 'SUCCEEDED', output: 'hi Ada' });
  });

  test('a fogbank.config.ts loads on Node 20: compiled with the typescript package, paths relative to it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fogbank-ts-config-'));
    try {
      writeFileSync(
        path.join(dir, 'fogbank.config.ts'),
        [
          "interface Machine { name: string; definition: string; type: 'STANDARD' | 'EXPRESS' }",
          "const machine: Machine = { name: 'greet', definition: './greet.asl.json', type: 'EXPRESS' };",
          'export default { stateMachines: [machine] };',
        ].join('\n'),
      );
      const config = await loadConfig(dir, undefined);
      expect(config.stateMachines).toEqual([{ name: 'greet', definition: path.join(dir, 'greet.asl.json'), type: 'EXPRESS' }]);
      // The compiled module is removed again.
      expect(readdirSync(dir)).toEqual(['fogbank.config.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no config file is an empty cloud', async () => {
    expect(await loadConfig(path.join(fixtures, 'functions'), undefined)).toEqual({ file: undefined, functions: [], tables: [], stateMachines: [], eventSourceMappings: [] });
  });

  test.for([
    { name: 'not an object', raw: [], problem: 'the config must be an object (a .js config exports it as default)' },
    { name: 'a misspelt key', raw: { tabels: [] }, problem: "unknown key 'tabels' (expected functions, tables, stateMachines, eventSourceMappings)" },
    { name: 'functions not a list', raw: { functions: {} }, problem: "'functions' must be an array" },
    { name: 'a function without Code', raw: { functions: [{ FunctionName: 'f' }] }, problem: 'functions[0].Code must be an object such as { "Directory": "./fn" }' },
    { name: 'a machine of an unknown type', raw: { stateMachines: [{ name: 'm', definition: './m.json', type: 'FAST' }] }, problem: 'stateMachines[0].type must be STANDARD or EXPRESS' },
  ])('$name is refused with the file and the problem', ({ raw, problem }) => {
    expect(() => resolveConfig(raw, '/x/fogbank.config.json')).toThrow(new CliError('FOGBANK_INVALID_CONFIG', `/x/fogbank.config.json: ${problem}`));
  });

  test('an entry the service refuses names the entry and gives the service\'s error (exit 2)', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['run', 'hello.asl.json', '--config', 'refused.config.json'], io)).toBe(EXIT.USAGE);
    expect(stderr()).toContain('refused.config.json: functions[0] (nope): InvalidParameterValueException: Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  });
});

describe('the built binary', () => {
  test.skipIf(!built)('exit codes and the stdout/stderr split through a real process (skipped until `pnpm build` made dist/)', () => {
    const ok = spawnSync(process.execPath, [bin, 'run', 'fail.asl.json', '--json'], { cwd: fixtures, input: '{"ok":true}\n{"ok":false}\n', encoding: 'utf8' });
    expect(ok.status).toBe(EXIT.FAILED);
    expect(ok.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { status: string }).status)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(ok.stderr).toBe('');
    const usage = spawnSync(process.execPath, [bin, 'run'], { cwd: fixtures, input: '', encoding: 'utf8' });
    expect(usage.status).toBe(EXIT.USAGE);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toBe("error: missing required argument 'definition'\n");
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(EXIT.OK);
    expect(help.stdout).toContain('Usage: fogbank [options] [command]');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(EXIT.OK);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
