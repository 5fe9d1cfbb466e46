package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/taroreq/taroreq/middleware/store"
)

// loadSnapshot loads the snapshot at path into mem, once checkOwnFile
// passed the file opened: a missing one is a fresh start.
func loadSnapshot(mem *store.Memory, path string) error {
	f, err := openOwn(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err == nil {
		err = checkOwnFile(path, fi, false)
	}
	if err == nil {
		if err = mem.Load(f); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	return err
}

// checkSavable reports, before the request, whether the snapshot at path
// can be saved after it (SaveFile writes a temporary file beside it): a
// save that failed then (a directory missing, not writable) would fail the
// run once the request was made, a POST applied, and its answer unshown.
func checkSavable(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("%s cannot be saved: %w", path, inner(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}
