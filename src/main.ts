#!/usr/bin/env node
import { main } from './cli';

/** `npm start -- [options]`: the CLI's start command, with the options of config.ts. */
void main(['start', ...process.argv.slice(2)]);
