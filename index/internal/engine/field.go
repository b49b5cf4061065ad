package engine

import (
	bindex "github.com/blevesearch/bleve_index_api"
)

// Field is a document field in place of bleve's TextField, for indexing
// speed: it is analysed straight into term frequencies by sirlearn's
// analysers, its stored value is not copied first (the analysers do not
// write to it), and its size for bleve's memory accounting is an estimate
// instead of a walk over every term and location. Measured at 100,000
// reviews, that walk alone was 4% of indexing.
type Field struct {
	name   string
	value  []byte
	opts   bindex.FieldIndexingOptions
	an     Frequencer // nil: stored only
	Head   int        // value[:Head] is a section heading (see HeadingBase)
	length int
	freqs  bindex.TokenFrequencies
}

// Frequencer analyses a value into term frequencies, with locations if
// asked; in[:head] is a heading.
type Frequencer interface {
	Frequencies(in []byte, head int, locations bool) (int, bindex.TokenFrequencies)
}

func NewField(name string, value []byte, opts bindex.FieldIndexingOptions, an Frequencer) *Field {
	return &Field{name: name, value: value, opts: opts, an: an}
}

func (f *Field) Name() string                         { return f.name }
func (f *Field) ArrayPositions() []uint64             { return nil }
func (f *Field) Options() bindex.FieldIndexingOptions { return f.opts }
func (f *Field) Value() []byte                        { return f.value }
func (f *Field) NumPlainTextBytes() uint64            { return uint64(len(f.value)) }
func (f *Field) EncodedFieldType() byte               { return 't' }
func (f *Field) AnalyzedLength() int                  { return f.length }
func (f *Field) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	return f.freqs
}

func (f *Field) Analyze() {
	if f.an == nil || !f.opts.IsIndexed() {
		return
	}
	f.length, f.freqs = f.an.Frequencies(f.value, f.Head, f.opts.IncludeTermVectors())
}

// Size estimates the memory the field holds: the value, and per term its
// entry and about one location.
func (f *Field) Size() int {
	return 96 + len(f.name) + len(f.value) + len(f.freqs)*(64+48) + f.length*8
}
