package main

import "testing"

// The exit codes are the numbers README and --help document: a test of the
// numbers, not of the names, so that changing a constant fails here.
func TestExitCodeNumbers(t *testing.T) {
	for name, c := range map[string]struct{ got, want int }{
		"ok": {exitOK, 0}, "error": {exitError, 1}, "usage": {exitUsage, 2}, "timeout": {exitTimeout, 2},
		"3xx": {exitStatus3xx, 3}, "4xx": {exitStatus4xx, 4}, "5xx": {exitStatus5xx, 5},
		"redirects": {exitRedirects, 6}, "data check": {exitDataCheck, 8}, "breaker": {exitBreaker, 9},
		"interrupted": {exitInterrupted, 130},
	} {
		if c.got != c.want {
			t.Errorf("exit code %s is %d, documented %d", name, c.got, c.want)
		}
	}
}
