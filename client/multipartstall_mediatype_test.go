package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// The registry picks the multipart encoder for a Content-Type whose
// parameters do not parse ("multipart/form-data; charset", a boundary
// given twice), as it reads the media type before the ';'. The client read
// the Files of such a call unwatched: a File reader that stalls held the
// call past its Timeout and ctx. It is read within them, as for any
// multipart/form-data call.
func TestMultipartFileStallsWithUnparsableParameters(t *testing.T) {
	s := faultserver.New(t, faultserver.OK(`{}`))
	c := client.New(client.WithBaseURL(s.URL))
	for _, ct := range []string{"multipart/form-data; charset", "Multipart/Form-Data; boundary=a; boundary=b"} {
		pr, pw := io.Pipe()
		go pw.Write([]byte("first bytes")) // then nothing more
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		done := make(chan error, 1)
		go func() {
			_, err := c.Request(ctx, client.Option{URL: "/up", Method: "POST", Timeout: 200 * time.Millisecond,
				Header: http.Header{"Content-Type": {ct}},
				Data:   map[string]any{"file": encoders.File{Name: "a.bin", Reader: pr}}})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%q: a stalled file was sent", ct)
			}
		case <-time.After(2 * time.Second):
			pw.Close()
			<-done
			t.Errorf("%q: Request still blocked 2s later: Timeout and ctx ignored while reading the File", ct)
		}
		cancel()
		pw.Close()
	}
}
