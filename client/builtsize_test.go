package client

import (
	"testing"
	"unsafe"
)

// built, made once per call with the request's URL inside it, stays in the
// 448-byte size class (objects over 512 bytes with pointers carry an 8-byte
// header besides): one field more can cost a class, 64 bytes a request.
func TestBuiltFitsItsSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(built{}); n > 448 {
		t.Fatalf("built is %d bytes: over 448, it takes the 512-byte size class", n)
	}
}
