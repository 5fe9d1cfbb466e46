package middleware

import (
	"bytes"
	"errors"
	"io"
	"math"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadAtMost(t *testing.T) {
	long := strings.Repeat("abcdefgh", 1000) // 8000 bytes
	for _, n := range []int64{0, 1, 511, 512, 513, 7999, 8000, 8001, 1 << 20} {
		for name, r := range map[string]io.Reader{
			"reader":   strings.NewReader(long),
			"one-byte": iotest.OneByteReader(strings.NewReader(long)),
		} {
			got, err := readAtMost(r, n)
			want := long[:min(n, int64(len(long)))]
			if err != nil || string(got) != want {
				t.Fatalf("%s n=%d: %d bytes, %v; want %d bytes", name, n, len(got), err, len(want))
			}
		}
	}
	// Past the eighth chunk, and cut by the bound inside a chunk.
	huge := strings.Repeat("0123456789abcdef", 20000) // 320,000 bytes
	for _, n := range []int64{100_000, 319_999, 320_000, 320_001, 1 << 30} {
		got, err := readAtMost(iotest.HalfReader(strings.NewReader(huge)), n)
		if want := huge[:min(n, int64(len(huge)))]; err != nil || string(got) != want {
			t.Fatalf("huge n=%d: %d bytes, %v; want %d bytes", n, len(got), err, len(want))
		}
	}
	boom := errors.New("boom")
	got, err := readAtMost(io.MultiReader(bytes.NewReader([]byte("ab")), iotest.ErrReader(boom)), 10)
	if !errors.Is(err, boom) || string(got) != "ab" {
		t.Fatalf("got %q, %v", got, err)
	}
	// An error after several chunks keeps every byte read before it.
	got, err = readAtMost(io.MultiReader(strings.NewReader(huge[:5000]), iotest.ErrReader(boom)), 1<<20)
	if !errors.Is(err, boom) || string(got) != huge[:5000] {
		t.Fatalf("after chunks: %d bytes, %v", len(got), err)
	}
}

func TestReadAll(t *testing.T) {
	long := strings.Repeat("abcdefgh", 1000) // 8000 bytes
	cases := []struct {
		name          string
		r             io.Reader
		length, limit int64
		want          string
		err           error // nil, ErrTooLarge or io.ErrUnexpectedEOF
	}{
		{"known length", strings.NewReader(long), 8000, 8000, long, nil},
		{"unknown length", strings.NewReader(long), -1, 8000, long, nil},
		{"empty", strings.NewReader(""), 0, 10, "", nil},
		{"announced over the limit", strings.NewReader(long), 8000, 7999, "", ErrTooLarge},
		{"unannounced over the limit", strings.NewReader(long), -1, 7999, "", ErrTooLarge},
		{"shorter than announced", strings.NewReader("abc"), 10, 100, "abc", io.ErrUnexpectedEOF},
		{"nothing of what was announced", strings.NewReader(""), 73, 100, "", io.ErrUnexpectedEOF},
		{"huge limit", strings.NewReader("abc"), -1, math.MaxInt64, "abc", nil},
	}
	for _, c := range cases {
		got, err := ReadAll(c.r, c.length, c.limit)
		if c.err == nil && (err != nil || string(got) != c.want) {
			t.Errorf("%s: %q, %v", c.name, got, err)
		}
		if c.err != nil && !errors.Is(err, c.err) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.err)
		}
	}
	if _, err := ReadAll(strings.NewReader(""), 5, 10); err == nil || !strings.Contains(err.Error(), "reading body: unexpected EOF") {
		t.Errorf("error %v does not say the body read failed", err)
	}
}

// A body announced over the limit is refused before any read: nothing of
// it is taken from the connection.
func TestReadAllRefusesAnnouncedBodyUnread(t *testing.T) {
	r := strings.NewReader(strings.Repeat("x", 100))
	if _, err := ReadAll(r, 100, 99); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err %v, want ErrTooLarge", err)
	}
	if r.Len() != 100 {
		t.Fatalf("%d bytes read before the refusal", 100-r.Len())
	}
}

// TestReadAllUnknownLengthCostsAboutTwice: readAtMost's promise, "a body of
// unknown length costs about twice its size, where doubling one slice costs
// up to four times". Reading N bytes of unknown length (ReadAll with length
// -1 and the default bound, the path of a chunked response) allocates the
// chunks, growing by half (N, plus the unused room of the last one, at most
// half of what came before), and one exact copy (N): 2 to 2.5 N by design,
// a little more with the allocator's size classes (2.8 N at worst between
// 4 KiB and 8 MiB, 2.37 N on average). Over sizes spread from 4 KiB to
// 4 MiB the average must stay at most 2.5 N and no size may cost 3 N:
// doubling one slice (about 4.7 N on average) or one more copy of the
// result (about 3.4 N) fails both.
func TestReadAllUnknownLengthCostsAboutTwice(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), (4<<20)/16)
	var sum float64
	sizes := 0
	for n := 4096; n <= len(data); n = n * 6 / 5 {
		body := data[:n]
		read := func() {
			b, err := ReadAll(bytes.NewReader(body), -1, DefaultMaxBodyBytes)
			if err != nil || len(b) != n {
				t.Fatalf("n=%d: %d bytes, %v", n, len(b), err)
			}
		}
		cost := allocated(read)
		ratio := float64(cost) / float64(n)
		if ratio >= 3 || ratio < 1 {
			t.Errorf("reading %d bytes of unknown length allocated %d bytes, %.2f times the body; want about twice",
				n, cost, ratio)
		}
		sum += ratio
		sizes++
	}
	if mean := sum / float64(sizes); mean > 2.5 {
		t.Errorf("reading a body of unknown length allocated %.2f times its size on average over %d sizes; want about twice",
			mean, sizes)
	} else {
		t.Logf("%.2f times the body on average over %d sizes", mean, sizes)
	}
}

// A server may announce a length it never sends: what ReadAll allocates
// follows the bytes that arrive, not the announcement, and an honest large
// body still costs about one allocation of its size.
func TestReadAllTrustsAnnouncedLengthOnlyAsBytesArrive(t *testing.T) {
	cost := allocated
	const announced = 8_000_000
	lied := cost(func() {
		b, err := ReadAll(strings.NewReader("0123456789"), announced, DefaultMaxBodyBytes)
		if string(b) != "0123456789" || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("got %q, %v; want the 10 bytes and unexpected EOF", b, err)
		}
	})
	if lied > 2*trustedLength {
		t.Errorf("10 bytes of an announced %d allocated %d bytes; want at most %d", announced, lied, 2*trustedLength)
	}
	for _, n := range []int{1, trustedLength - 1, trustedLength, trustedLength + 1, 300_000, 3 << 20} {
		body := bytes.Repeat([]byte("x"), n)
		var got []byte
		honest := cost(func() {
			var err error
			if got, err = ReadAll(iotest.HalfReader(bytes.NewReader(body)), int64(n), DefaultMaxBodyBytes); err != nil {
				t.Fatal(err)
			}
		})
		if !bytes.Equal(got, body) {
			t.Fatalf("n=%d: read %d bytes, not the body", n, len(got))
		}
		ratio := 1.3
		if raceEnabled {
			ratio = 2.5 // see raceEnabled
		}
		if limit := float64(n)*ratio + 1024; float64(honest) > limit {
			t.Errorf("an honest body of %d bytes allocated %d bytes, %.2f times; want at most 1.3 times",
				n, honest, float64(honest)/float64(n))
		}
	}
}

// allocated is what f allocates, in bytes: the least of three runs, as
// another goroutine's allocation only adds.
func allocated(f func()) uint64 {
	best := uint64(math.MaxUint64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		best = min(best, after.TotalAlloc-before.TotalAlloc)
	}
	return best
}
