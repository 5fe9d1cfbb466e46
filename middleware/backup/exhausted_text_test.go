package backup

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A call with many backups fails with a text of bounded length: the first
// URLs' failures, the count of those left out, and the last one's.
func TestExhaustedErrorTextIsBounded(t *testing.T) {
	errs := make([]error, 1000)
	for i := range errs {
		errs[i] = fmt.Errorf("url %d: refused", i)
	}
	e := &ExhaustedError{Errs: errs}
	text := e.Error()
	if n := strings.Count(text, ": refused"); n != maxEarlier {
		t.Errorf("%d failures named, want %d: %.200s", n, maxEarlier, text)
	}
	for _, want := range []string{"all 1000 URLs failed", "url 0: refused", "url 14: refused; (984 more); url 999: refused"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q: %.300s", want, text)
		}
	}
	if !errors.Is(e, errs[500]) || len(e.Unwrap()) != 1000 {
		t.Error("errors.Is no longer sees every URL's failure")
	}
	for _, n := range []int{1, maxEarlier - 1, maxEarlier, maxEarlier + 1} {
		text := (&ExhaustedError{Errs: errs[:n]}).Error()
		named, more := strings.Count(text, ": refused"), strings.Contains(text, "more)")
		if named != min(n, maxEarlier) || more != (n > maxEarlier) {
			t.Errorf("%d URLs: %d named, a count %v: %s", n, named, more, text)
		}
	}
}
