package layertest

import (
	"bytes"
	"io"
)

// StuckReader is a request body that gives n zero bytes, then blocks in
// Read until Release is closed (a generator waiting on something that
// does not come), and then says io.EOF. Its Close does nothing, as the
// Close of an io.Reader the client wrapped does not: closing it cannot
// unblock a Read. Close Release when done, so that no Read is left
// waiting.
type StuckReader struct {
	r       *bytes.Reader
	Release chan struct{}
}

// NewStuckReader returns a StuckReader of n bytes.
func NewStuckReader(n int) *StuckReader {
	return &StuckReader{r: bytes.NewReader(make([]byte, n)), Release: make(chan struct{})}
}

func (s *StuckReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err == io.EOF {
		<-s.Release
	}
	return n, err
}

// Close does nothing.
func (s *StuckReader) Close() error { return nil }
