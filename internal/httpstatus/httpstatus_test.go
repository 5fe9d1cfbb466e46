package httpstatus

import "testing"

func TestLine(t *testing.T) {
	for code, want := range map[int]string{404: "404 Not Found", 200: "200 OK", 522: "522", 499: "499", 0: "0"} {
		if got := Line(code); got != want {
			t.Errorf("Line(%d) = %q, want %q", code, got, want)
		}
	}
}
