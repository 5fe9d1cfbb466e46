package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The store and the HTTP cache file a credentialed request's entry under a
// keyed hash of its credentials (client.WithPartitionKey), random per
// process by default: a later run could never find it, and its entries
// would pile up unread in the snapshot. With --store-file or --cache-file
// the CLI uses one key per user instead, kept in the user's configuration
// directory (partitionKeyPath), so that any later run of the same user,
// with either snapshot or both, finds them; another user's runs have
// another key and cannot.

const partitionKeySize = 32

// partitionKeyPath is where the user's key lives: $TAROREQ_PARTITION_KEY
// if set, else taroreq/partition.key in os.UserConfigDir.
func partitionKeyPath() (string, error) {
	if p := os.Getenv("TAROREQ_PARTITION_KEY"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no configuration directory for the key (set TAROREQ_PARTITION_KEY): %w", err)
	}
	return filepath.Join(dir, "taroreq", "partition.key"), nil
}

// loadPartitionKey reads the key at path, making it (and its directory,
// 0700) if there is none. A new key is written whole to a temporary file
// and linked into place, so that runs racing to make it all end with the
// one that landed.
func loadPartitionKey(path string) ([]byte, error) {
	key, err := readOwnKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("%s: %w", path, inner(err))
		}
		key = make([]byte, partitionKeySize)
		_, _ = rand.Read(key) // never fails (crypto/rand)
		key, err = placeKey(path, key)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, inner(err))
	}
	if len(key) != partitionKeySize {
		return nil, fmt.Errorf("%s: %d bytes, not a key of %d", path, len(key), partitionKeySize)
	}
	return key, nil
}

// readOwnKey reads the key at path once checkOwnFile passed the file
// opened (others may neither write nor read it).
func readOwnKey(path string) ([]byte, error) {
	f, err := openOwn(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err == nil {
		err = checkOwnFile(path, fi, true)
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(f, partitionKeySize+1))
}

// placeKey links a new 0600 file holding key into place at path and
// returns key, or the key another run placed there first.
func placeKey(path string, key []byte) ([]byte, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taroreq-key-*") // 0600
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(key)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		// Another run placed one first: it passes the check a key read
		// at the start does (it could be another user's, in between).
		return readOwnKey(path)
	} else if err != nil {
		return nil, err
	}
	return key, nil
}

// inner is the cause of a file operation's error, without the paths it
// names (a temporary file's name says nothing to the user).
func inner(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
