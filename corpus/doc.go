// Package corpus holds the domain model that every stage of sirlearn speaks:
// a submitted serious incident review, the text blocks a reader produces,
// the canonical sections and learning themes, the 32 Scottish local
// authorities, the sentinel errors callers branch on, and the Scottish
// working-day calendar used for timeliness figures.
//
// The package imports nothing else from sirlearn. The synthetic sample corpus
// lives in corpus/synth.
package corpus
