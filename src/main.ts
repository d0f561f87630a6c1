#!/usr/bin/env node
import { main } from './cli';
import { limitHeapGrowth } from './cli/heap-growth';

// The server process only: a full collection before the heap is four times what it keeps (RSS).
limitHeapGrowth();
/** `npm start -- [options]`: the CLI's start command, with the options of config.ts. */
void main(['start', ...process.argv.slice(2)]);
