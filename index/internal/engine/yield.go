package engine

import "runtime"

// yieldEvery is how many matches (or postings steps) a search handles
// between giving way to other goroutines.
//
// A search over a common word runs for milliseconds without blocking. On a
// server with few processors, two such searches hold every processor, and
// the short work queued behind them (another request's answer being
// written, a request being read, a cached answer) waits for the runtime's
// preemption, about 10 ms. Giving way every few thousand matches costs a
// few microseconds per search and halved the 99th percentile of varied
// traffic at 16 connections on 2 cores (docs/benchmarks.md).
const yieldEvery = 2048

// giveWay lets other runnable goroutines run when step is a multiple of
// yieldEvery.
func giveWay(step int) {
	if step%yieldEvery == 0 && step > 0 {
		runtime.Gosched()
	}
}
