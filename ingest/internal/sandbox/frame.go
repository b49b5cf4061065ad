package sandbox

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// errFrameTooLarge is returned for a frame over the reader's bound.
var errFrameTooLarge = errors.New("frame over the size limit")

// smallFrame is the size up to which a frame goes out in one write: the
// other side then wakes once per message.
const smallFrame = 1 << 20

// writeFrame writes b as one frame.
func writeFrame(w io.Writer, b []byte) error {
	var hdr [4]byte
	if uint64(len(b)) > 1<<32-1 {
		return fmt.Errorf("write frame of %d bytes: %w", len(b), errFrameTooLarge)
	}
	binary.BigEndian.PutUint32(hdr[:], uint32(len(b)))
	if len(b) <= smallFrame {
		msg := make([]byte, 0, 4+len(b))
		msg = append(append(msg, hdr[:]...), b...)
		if _, err := w.Write(msg); err != nil {
			return fmt.Errorf("write frame: %w", err)
		}
		return nil
	}
	if _, err := w.Write(hdr[:]); err != nil {
		return fmt.Errorf("write frame header: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write frame: %w", err)
	}
	return nil
}

// readFrame reads one frame of at most max bytes. It returns io.EOF only
// when the stream ends before a frame starts.
func readFrame(r io.Reader, max int64) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("read frame header: %w", err)
	}
	n := int64(binary.BigEndian.Uint32(hdr[:]))
	if n > max {
		return nil, fmt.Errorf("read frame of %d bytes (limit %d): %w", n, max, errFrameTooLarge)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("read frame of %d bytes: %w", n, err)
	}
	return b, nil
}
