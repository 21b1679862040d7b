/// <reference lib="webworker" />
import { startFrame } from './frame'
import { startWorker } from './worker'

// One script for both sides of the sandbox: the frame evaluates it, then starts it again
// as the snippet's worker (see sandbox.ts).
if (typeof document === 'undefined')
  startWorker(globalThis as unknown as DedicatedWorkerGlobalScope)
else
  startFrame(window)
