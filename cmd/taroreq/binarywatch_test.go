package main

import "testing"

// A character split between two chunks is text, not a sign of binary.
func TestBinaryWatchSplitCharacter(t *testing.T) {
	text := []byte("héllo wörld → ✓ 🙂 end")
	for i := 1; i < len(text); i++ {
		var w binaryWatch
		if w.binary(text[:i]) || w.binary(text[i:]) {
			t.Fatalf("text split at byte %d seen as binary", i)
		}
	}
	var w binaryWatch
	if !w.binary([]byte("ok\x00")) {
		t.Error("a NUL is binary")
	}
	w = binaryWatch{}
	if !w.binary([]byte("ok \xff\xfe more")) {
		t.Error("invalid UTF-8 is binary")
	}
}
