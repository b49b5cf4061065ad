package corpus

import "errors"

// Sentinel errors that callers branch on with errors.Is. Readers wrap them
// with the file name and the detailed reason.
var (
	// ErrUnsupportedFormat: the bytes are not a format sirlearn reads.
	ErrUnsupportedFormat = errors.New("unsupported format")
	// ErrTooLarge: the file or its decompressed content exceeds a limit.
	ErrTooLarge = errors.New("too large")
	// ErrNoTextLayer: a PDF whose pages carry no text (a scan).
	ErrNoTextLayer = errors.New("no text layer; scanned document needs OCR")
	// ErrEncrypted: a password-protected document.
	ErrEncrypted = errors.New("encrypted document")
	// ErrMalformed: a corrupt or truncated file.
	ErrMalformed = errors.New("malformed document")
	// ErrEmpty: a file with no bytes or no text at all.
	ErrEmpty = errors.New("empty document")
	// ErrTimeout: reading took longer than the configured limit.
	ErrTimeout = errors.New("timed out")
	// ErrNotFound: a review or resource that does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: input that is well-formed but not acceptable (a bad query,
	// a bad taxonomy, a bad flag value).
	ErrInvalid = errors.New("invalid input")
	// ErrNotAReview: a readable file that is no notification or review (a
	// data file, a letter): refused, never indexed.
	ErrNotAReview = errors.New("not a serious incident notification or review")
	// ErrLocked: a resource (the index) is held by another process.
	ErrLocked = errors.New("locked by another process")
)
