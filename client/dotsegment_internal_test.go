package client

import "testing"

func TestHasDotSegment(t *testing.T) {
	for p, want := range map[string]bool{"/a/../x": true, "/./x": true, "/a/.": true, "/a/..": true, "/data.json": false, "/.well-known/x": false, "/a/..b": false, "/a/.b/../c": true, "": false, "/x/...": false, "/x/.../../y": true} {
		if hasDotSegment(p) != want {
			t.Errorf("%q: %v", p, !want)
		}
	}
}
