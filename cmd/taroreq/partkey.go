package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The store and the HTTP cache file a credentialed request's entry under a
// keyed hash of its credentials (client.WithPartitionKey), random per
// process by default: a later run could never find it, and its entries
// would pile up unread in the snapshot. --store-file and --cache-file keep
// the key in a file beside each snapshot (FILE.key, 0600), made on first
// use, the same key beside both when both are given, so that any later
// run of the same user, with either flag or both, finds them.

const partitionKeySize = 32

// partitionKeyFiles are the key files of cfg's snapshots.
func partitionKeyFiles(cfg *config) []string {
	var paths []string
	for _, f := range []string{cfg.storeFile, cfg.cacheFile} {
		if f != "" {
			paths = append(paths, f+".key")
		}
	}
	return paths
}

// loadPartitionKey returns the one key of paths: the key files that exist
// must hold the same key; one is made if none exists; it is placed where
// one is missing.
func loadPartitionKey(paths ...string) ([]byte, error) {
	var key []byte
	var missing []string
	for _, p := range paths {
		k, err := os.ReadFile(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing = append(missing, p)
			continue
		case err != nil:
			return nil, err
		case len(k) != partitionKeySize:
			return nil, fmt.Errorf("%s: %d bytes, not a key of %d", p, len(k), partitionKeySize)
		case key != nil && !bytes.Equal(k, key):
			return nil, fmt.Errorf("%s and %s hold different keys: their snapshots were made apart; remove one (the credentialed entries of its snapshot are then lost)", paths[0], p)
		}
		key = k
	}
	made := key == nil
	if made {
		key = make([]byte, partitionKeySize)
		_, _ = rand.Read(key) // never fails (crypto/rand)
	}
	var placed []string // the key files this call made
	for _, p := range missing {
		k, err := placeKey(p, key)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(k, key) {
			if !made {
				return nil, fmt.Errorf("%s: another run placed another key", p)
			}
			// Another run made one first: take it, in the files this call
			// made too, so that no two files are left apart.
			for _, q := range placed {
				if err := replaceKey(q, k); err != nil {
					return nil, err
				}
			}
			key = k
		}
		placed = append(placed, p)
	}
	return key, nil
}

// replaceKey writes key over the key file at path, whole (a rename).
func replaceKey(path string, key []byte) error {
	tmp, err := writeTemp(path, key)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// writeTemp writes key to a new 0600 file beside path and returns its name.
func writeTemp(path string, key []byte) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taroreq-key-*") // 0600
	if err != nil {
		return "", fmt.Errorf("%s: cannot make the key file: %w", path, err)
	}
	_, err = tmp.Write(key)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("%s: cannot make the key file: %w", path, err)
	}
	return tmp.Name(), nil
}

// placeKey writes key at path, whole, by writing it to a temporary file
// and linking that into place, so that a run racing this one reads either
// nothing or a whole key; if another run placed one first, it returns that
// one.
func placeKey(path string, key []byte) ([]byte, error) {
	tmp, err := writeTemp(path, key)
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); errors.Is(err, fs.ErrExist) {
		k, err := os.ReadFile(path)
		if err == nil && len(k) != partitionKeySize {
			err = fmt.Errorf("%s: %d bytes, not a key of %d", path, len(k), partitionKeySize)
		}
		return k, err
	} else if err != nil {
		return nil, fmt.Errorf("%s: cannot make the key file: %w", path, err)
	}
	return key, nil
}
