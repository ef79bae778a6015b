#!/usr/bin/env node
// The `fogbank` binary: the process's streams into the same entry point tests call.
import { runCli } from './cli.js';
import { processIo } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
