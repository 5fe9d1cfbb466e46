package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

func echoFiles(t *testing.T, got *[]string) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, io.LimitReader(r.Body, 0))
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			for name, fhs := range r.MultipartForm.File {
				for _, fh := range fhs {
					f, _ := fh.Open()
					b, _ := io.ReadAll(f)
					*got = append(*got, name+":"+string(b))
				}
			}
		}
		io.WriteString(w, `{}`)
	}))
	t.Cleanup(s.Close)
	return s
}

// runBounded runs f and fails if it takes longer than limit.
func runBounded(t *testing.T, limit time.Duration, release func(), f func() error) (error, time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err, time.Since(start)
	case <-time.After(limit):
		release()
		err := <-done
		return err, time.Since(start)
	}
}

// Taro code writes header: {'content-type': 'multipart/form-data'}; build
// canonicalises the key and encodes multipart, so the File reader must be
// watched too.
func TestMultipartLowercaseContentTypeFileStalls(t *testing.T) {
	var got []string
	s := echoFiles(t, &got)
	c := client.New(client.WithBaseURL(s.URL))
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go pw.Write([]byte("first bytes")) // then nothing
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err, el := runBounded(t, 3*time.Second, func() { pw.Close() }, func() error {
		_, err := c.Request(ctx, client.Option{URL: "/up", Method: "POST", Timeout: 300 * time.Millisecond,
			Header: http.Header{"content-type": {"multipart/form-data"}},
			Data:   map[string]any{"file": encoders.File{Name: "a.bin", Reader: pr}}})
		return err
	})
	if el > 1500*time.Millisecond {
		t.Fatalf("Request returned only after %v (err %v): Timeout 300ms and ctx 500ms ignored for a File under a lower-case content-type key", el, err)
	}
}

type revMeta struct {
	Doc encoders.File `json:"doc"`
}

type revUpload struct {
	revMeta        // embedded, unexported type: its fields are promoted, as in encoding/json
	Title   string `json:"title"`
}

type RevMeta2 struct {
	Doc *encoders.File `json:"doc2"`
}

type revUpload2 struct {
	*RevMeta2
	Title string `json:"title"`
}

// A File in an embedded struct is a file part (the encoder promotes the
// fields), so its reader must be watched as well.
func TestMultipartEmbeddedStructFileStalls(t *testing.T) {
	var got []string
	s := echoFiles(t, &got)
	c := client.New(client.WithBaseURL(s.URL))
	for _, tc := range []struct {
		name string
		data func(r io.Reader) any
	}{
		{"embedded value", func(r io.Reader) any {
			return revUpload{revMeta: revMeta{Doc: encoders.File{Name: "d", Reader: r}}, Title: "t"}
		}},
		{"embedded pointer", func(r io.Reader) any {
			return &revUpload2{RevMeta2: &RevMeta2{Doc: &encoders.File{Name: "d", Reader: r}}, Title: "t"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			t.Cleanup(func() { pw.Close() })
			go pw.Write([]byte("first bytes")) // then nothing
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			err, el := runBounded(t, 3*time.Second, func() { pw.Close() }, func() error {
				_, err := c.Request(ctx, client.Option{URL: "/up", Method: "POST", Timeout: 300 * time.Millisecond,
					Header: http.Header{"Content-Type": {"multipart/form-data"}}, Data: tc.data(pr)})
				return err
			})
			if el > 1500*time.Millisecond {
				t.Fatalf("Request returned only after %v (err %v): the embedded struct's File reader was not watched", el, err)
			}
		})
	}
}

// A call that build refuses anyway (bad method) must fail at once, as it did
// before, without reading the File's reader: a corrected call then sends it.
func TestMultipartRefusedCallReadsNoFile(t *testing.T) {
	var got []string
	s := echoFiles(t, &got)
	c := client.New(client.WithBaseURL(s.URL))
	ct := http.Header{"Content-Type": {"multipart/form-data"}}

	// 1. a stalled reader: the refusal must be immediate and name the method
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go pw.Write([]byte("x"))
	err, el := runBounded(t, 5*time.Second, func() { pw.Close() }, func() error {
		_, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "BOGUS", Timeout: time.Second,
			Header: ct, Data: map[string]any{"file": encoders.File{Name: "a", Reader: pr}}})
		return err
	})
	if !errors.Is(err, client.ErrInvalidMethod) || el > 500*time.Millisecond {
		t.Errorf("bad method with a stalled File: err = %v after %v; want ErrInvalidMethod at once", err, el)
	}

	// 2. a reader that does not stall: the refused call must leave it unread
	f := encoders.File{Name: "a.txt", Reader: io.LimitReader(strings.NewReader("content"), 7)}
	data := map[string]any{"file": f}
	_, err = c.Request(context.Background(), client.Option{URL: "/up", Method: "BOGUS", Header: ct, Data: data})
	if !errors.Is(err, client.ErrInvalidMethod) {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "POST", Header: ct, Data: data}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "file:content" {
		t.Errorf("corrected call sent %q, want \"file:content\": the refused call read the File", got)
	}
}

type revHidden struct {
	Title string        `json:"title"`
	Raw   encoders.File `json:"-"` // never a part: the encoder leaves it out
}

// A File the encoder leaves out (json:"-") is not part of the body: the
// call must not read it, nor fail because it stalls.
func TestMultipartLeftOutFileIsNotRead(t *testing.T) {
	var got []string
	s := echoFiles(t, &got)
	c := client.New(client.WithBaseURL(s.URL))
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go pw.Write([]byte("x")) // then nothing
	err, el := runBounded(t, 3*time.Second, func() { pw.Close() }, func() error {
		_, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "POST", Timeout: 300 * time.Millisecond,
			Header: http.Header{"Content-Type": {"multipart/form-data"}},
			Data:   revHidden{Title: "t", Raw: encoders.File{Name: "r", Reader: pr}}})
		return err
	})
	if err != nil {
		t.Fatalf("a File the encoder leaves out failed the call after %v: %v", el, err)
	}
}

// countingReader is a reader not in memory that counts the bytes it gave.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// A call the encoder refuses (a later field it cannot encode) reads no
// File: the corrected call sends it whole.
// The encoder checks every field before it reads a File.
func TestMultipartRefusedByTheEncoderReadsNoFile(t *testing.T) {
	var got []string
	s := echoFiles(t, &got)
	c := client.New(client.WithBaseURL(s.URL))
	ct := http.Header{"Content-Type": {"multipart/form-data"}}
	cr := &countingReader{r: strings.NewReader("content")}
	f := encoders.File{Name: "a.txt", Reader: cr}
	_, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "POST", Header: ct,
		Data: map[string]any{"a": f, "z": make(chan int)}})
	if !errors.Is(err, encoders.ErrUnencodable) {
		t.Fatalf("refused call: err = %v, want ErrUnencodable", err)
	}
	_, err = c.Request(context.Background(), client.Option{URL: "/up", Method: "POST", Header: ct,
		Data: map[string]any{"a": f}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "a:content" {
		t.Errorf("corrected call sent %q, want \"a:content\": the refused call read %d bytes of the File", got, cr.n)
	}
}
