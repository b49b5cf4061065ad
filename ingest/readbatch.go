package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/ingest/internal/sandbox"
)

// Small files go to a worker several at a time: one round trip instead of
// one per file, which for text files was most of what the process boundary
// cost. Only files up to batchFileBytes, and at most batchFiles of them.
const (
	batchFiles     = 8
	batchFileBytes = 256 << 10
)

// BatchItem is one file of ReadBatch.
type BatchItem struct {
	Name string
	Data []byte
}

// BatchResult is the outcome of one file of ReadBatch.
type BatchResult struct {
	Doc *corpus.Document
	Err error
}

// BatchReader reads several small files at once; *Sandbox implements it.
type BatchReader interface {
	ReadBatch(ctx context.Context, items []BatchItem, lim Limits) []BatchResult
}

// Request kinds: the first byte of a worker request.
const (
	requestOne   = 0
	requestBatch = 1
)

// ReadBatch reads small files in one worker round trip. When the worker
// dies or overruns on the batch, each file is read again on its own, so a
// crash is charged to the file that caused it and the others are read.
func (s *Sandbox) ReadBatch(ctx context.Context, items []BatchItem, lim Limits) []BatchResult {
	out := make([]BatchResult, len(items))
	var send []int
	for i, it := range items {
		if _, err := precheck(it.Name, it.Data, lim); err != nil {
			out[i].Err = fmt.Errorf("%s: %w", it.Name, err)
			continue
		}
		send = append(send, i)
	}
	if len(send) == 0 {
		return out
	}
	var w wireWriter
	w.b = append(w.b, requestBatch)
	w.uint(uint64(len(send)))
	for _, i := range send {
		w.bytes(encodeRequest(items[i].Name, items[i].Data, lim))
	}
	rep, err := s.pool.Do(ctx, w.b, lim.timeout())
	var ce *sandbox.CrashError
	if errors.As(err, &ce) {
		// One of them took the worker down: find which, one at a time.
		for _, i := range send {
			out[i].Doc, out[i].Err = s.Read(ctx, items[i].Name, items[i].Data, lim)
		}
		return out
	}
	if err != nil {
		for _, i := range send {
			out[i].Err = fmt.Errorf("%s: %w", items[i].Name, err)
		}
		return out
	}
	r := wireReader{b: rep}
	if n := r.count(); r.err != nil || n != len(send) {
		for _, i := range send {
			out[i].Err = fmt.Errorf("%s: %w: the reader's reply could not be decoded", items[i].Name, corpus.ErrMalformed)
		}
		return out
	}
	for _, i := range send {
		out[i].Doc, out[i].Err = s.decodeOne(items[i].Name, r.raw(), r.err)
	}
	return out
}

// serveBatch answers a batch request in the worker: the replies in order.
func serveBatch(req []byte) []byte {
	r := wireReader{b: req}
	n := r.count()
	var w wireWriter
	if r.err != nil {
		w.uint(0)
		return w.b
	}
	w.uint(uint64(n))
	for i := 0; i < n; i++ {
		one := r.raw()
		if r.err != nil {
			w.bytes(encodeReply(nil, "reader request: "+r.err.Error(), 0))
			continue
		}
		w.bytes(serveOne(one))
	}
	return w.b
}
