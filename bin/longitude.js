#!/usr/bin/env node
// The `longitude` command: a thin shell over the compiled CLI (built by `npm install`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
