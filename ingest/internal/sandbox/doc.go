// Package sandbox runs untrusted work in child processes of the same
// binary, each under its own memory and CPU limits, so that a fatal runtime
// error (a stack overflow, running out of memory) or a loop that never ends
// kills the child and never the parent.
//
// The parent keeps a small Pool of children. Each request and reply is one
// frame on a pipe (a 4-byte big-endian length, then the bytes); the child
// answers with whatever its Handler returns. When a child dies or overruns
// its time, the parent kills it, reports a *CrashError saying why, and
// starts a fresh child for the next request. The child side is Main, which
// a program calls first thing when it finds Arg as its first argument.
package sandbox
