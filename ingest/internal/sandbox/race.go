//go:build race

package sandbox

// raceEnabled: the race detector maps terabytes of shadow memory, which a
// data-segment limit would refuse, so race builds run children without it.
const raceEnabled = true
