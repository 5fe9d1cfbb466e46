package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A multipart upload whose file reader stalls must still be bounded by the
// caller's ctx and the attempt's Timeout, as an io.Reader Data is.
func TestMultipartFileReaderThatStallsEndsTheCall(t *testing.T) {
	s := faultserver.New(t, faultserver.OK(`{}`))
	c := client.New(client.WithBaseURL(s.URL))
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go pw.Write([]byte("first bytes of the file")) // then nothing more
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := c.Request(ctx, client.Option{URL: "/up", Method: "POST", Timeout: 300 * time.Millisecond,
			Header: http.Header{"Content-Type": {"multipart/form-data"}},
			Data:   map[string]any{"title": "t", "file": encoders.File{Name: "a.bin", Reader: pr}}})
		done <- err
	}()
	select {
	case err := <-done:
		t.Logf("returned after %v: %v", time.Since(start), err)
		if err == nil || time.Since(start) > 1500*time.Millisecond {
			t.Errorf("err=%v after %v", err, time.Since(start))
		}
	case <-time.After(3 * time.Second):
		pw.Close()
		<-done
		t.Fatalf("Request still blocked 3s later: Timeout (300ms) and ctx deadline (500ms) ignored while reading a multipart File")
	}
}

// fileReader is a reader not in memory that says whether it was closed.
type fileReader struct {
	io.Reader
	closed bool
}

func (r *fileReader) Close() error { r.closed = true; return nil }

// Files whose readers are not in memory, in a map, a slice and a struct,
// are read first and sent whole; the caller's Data and Files are left as
// they were, and their readers open.
func TestMultipartFileReadersReadFirstAreSentWhole(t *testing.T) {
	var got []string
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Error(err)
		}
		for _, name := range []string{"one", "many"} {
			for _, fh := range r.MultipartForm.File[name] {
				f, _ := fh.Open()
				b, _ := io.ReadAll(f)
				got = append(got, name+":"+string(b))
			}
		}
		io.WriteString(w, `{}`)
	}))
	defer s.Close()
	c := client.New(client.WithBaseURL(s.URL))
	one := &fileReader{Reader: io.MultiReader(strings.NewReader("first "), strings.NewReader("file"))}
	a, b := &fileReader{Reader: io.LimitReader(strings.NewReader("aaa"), 3)}, &fileReader{Reader: io.LimitReader(strings.NewReader("bbb"), 3)}
	file := encoders.File{Name: "one.txt", Reader: one}
	many := []encoders.File{{Name: "a", Reader: a}, {Name: "b", Reader: b}}
	ct := http.Header{"Content-Type": {"multipart/form-data"}}
	data := map[string]any{"one": file, "many": many, "title": "t"}
	if _, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "POST", Header: ct, Data: data}); err != nil {
		t.Fatal(err)
	}
	if want := "one:first file many:aaa many:bbb"; strings.Join(got, " ") != want {
		t.Fatalf("server got %q, want %q", strings.Join(got, " "), want)
	}
	if data["one"].(encoders.File).Reader != one || many[0].Reader != a || many[1].Reader != b {
		t.Fatal("the caller's Data was changed")
	}
	if one.closed || a.closed || b.closed {
		t.Fatal("a File's reader was closed")
	}
	got = nil
	type upload struct {
		One  *encoders.File   `json:"one"`
		Many []*encoders.File `json:"many"`
	}
	u := upload{One: &encoders.File{Name: "s", Reader: &fileReader{Reader: io.LimitReader(strings.NewReader("struct"), 6)}}}
	if _, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "POST", Header: ct, Data: u}); err != nil {
		t.Fatal(err)
	}
	if want := "one:struct"; strings.Join(got, " ") != want {
		t.Fatalf("server got %q, want %q", strings.Join(got, " "), want)
	}
}

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
