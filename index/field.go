package index

import (
	bindex "github.com/blevesearch/bleve_index_api"
)

// field is a document field in place of bleve's TextField, for indexing
// speed: it is analysed straight into term frequencies by sirlearn's
// analysers, its stored value is not copied first (the analysers do not
// write to it), and its size for bleve's memory accounting is an estimate
// instead of a walk over every term and location. Measured at 100,000
// reviews, that walk alone was 4% of indexing.
type field struct {
	name   string
	value  []byte
	opts   bindex.FieldIndexingOptions
	an     frequencer // nil: stored only
	head   int        // value[:head] is a section heading (see headingBase)
	length int
	freqs  bindex.TokenFrequencies
}

// frequencer analyses a value into term frequencies, with locations if
// asked; in[:head] is a heading.
type frequencer interface {
	frequencies(in []byte, head int, locations bool) (int, bindex.TokenFrequencies)
}

func newField(name string, value []byte, opts bindex.FieldIndexingOptions, an frequencer) *field {
	return &field{name: name, value: value, opts: opts, an: an}
}

func (f *field) Name() string                         { return f.name }
func (f *field) ArrayPositions() []uint64             { return nil }
func (f *field) Options() bindex.FieldIndexingOptions { return f.opts }
func (f *field) Value() []byte                        { return f.value }
func (f *field) NumPlainTextBytes() uint64            { return uint64(len(f.value)) }
func (f *field) EncodedFieldType() byte               { return 't' }
func (f *field) AnalyzedLength() int                  { return f.length }
func (f *field) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	return f.freqs
}

func (f *field) Analyze() {
	if f.an == nil || !f.opts.IsIndexed() {
		return
	}
	f.length, f.freqs = f.an.frequencies(f.value, f.head, f.opts.IncludeTermVectors())
}

// Size estimates the memory the field holds: the value, and per term its
// entry and about one location.
func (f *field) Size() int {
	return 96 + len(f.name) + len(f.value) + len(f.freqs)*(64+48) + f.length*8
}
