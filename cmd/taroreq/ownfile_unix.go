//go:build unix

package main

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// checkOwnFile refuses a file the run would trust that another user could
// have written: one owned by another user, or writable by the group or by
// others (a --cache-file or --store-file in a shared directory, whose
// entries would answer this user's requests as if the network had), or,
// when secret is set, readable by them too (the partition key), as ssh
// refuses a private key others can read. fi is the file's, from the open
// file that is then read (a name looked up twice could be re-pointed in
// between).
func checkOwnFile(path string, fi fs.FileInfo, secret bool) error {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("%s belongs to another user (uid %d): what it holds would be taken for yours", path, st.Uid)
	}
	mask := fs.FileMode(0o022)
	if secret {
		mask = 0o077
	}
	if fi.Mode().Perm()&mask != 0 {
		return fmt.Errorf("%s is open to other users (mode %04o): chmod go-rwx it, or use another file", path, fi.Mode().Perm())
	}
	return nil
}

// openOwn opens path to read it, for checkOwnFile to look at first: not
// waiting for a writer if it is a FIFO (another user's in a shared
// directory would hang the run before the check could refuse it).
func openOwn(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
