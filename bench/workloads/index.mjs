import { choiceRouter } from './choice-router.mjs';
import { counterLoop } from './counter-loop.mjs';
import { mapReshape } from './map-reshape.mjs';
import { parallelFanout } from './parallel-fanout.mjs';

/** The named scenarios, in the order they run. */
export const workloads = [counterLoop, mapReshape, parallelFanout, choiceRouter];
