// tlogcheck checks a running Vesper transparency log with Go's golang.org/x/mod/sumdb/note and
// sumdb/tlog (Debian's golang-golang-x-mod-dev), an implementation nobody on the project wrote:
//
//   - the signed checkpoint opens with note.Open under the log's vkey, and its origin is the key name;
//   - every hash tile the tree needs verifies against the checkpoint root through tlog.TileHashReader
//     (C2SP tlog-tiles paths: Go's tile path without its height element);
//   - every entry bundle's entries hash (tlog.RecordHash) to the level-0 tile hashes;
//   - the log's inclusion proofs equal tlog.ProveRecord's and pass tlog.CheckRecord, for every index;
//   - the log's consistency proofs equal tlog.ProveTree's and pass tlog.CheckTree;
//   - each offline receipt (c2sp.org/tlog-proof@v1) given as a file verifies by itself.
//
// Usage: tlogcheck -url http://127.0.0.1:PORT -vkey VKEY [receipt-file ...]. Exit 0 only if all pass.
// Build in GOPATH mode: GO111MODULE=off GOPATH=/usr/share/gocode go run main.go ...
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string

func get(path string) ([]byte, error) {
	resp, err := http.Get(base + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<22))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
	}
	return body, nil
}

// checkpoint opens a signed note and parses the C2SP checkpoint body: origin, size, base64 root.
func checkpoint(msg []byte, verifier note.Verifier) (tlog.Tree, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("note.Open: %v", err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return tlog.Tree{}, errors.New("checkpoint has fewer than three lines")
	}
	if lines[0] != verifier.Name() {
		return tlog.Tree{}, fmt.Errorf("checkpoint origin %q is not the key name %q", lines[0], verifier.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return tlog.Tree{}, fmt.Errorf("bad size %q", lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return tlog.Tree{}, fmt.Errorf("bad root %q", lines[2])
	}
	var h tlog.Hash
	copy(h[:], root)
	return tlog.Tree{N: size, Hash: h}, nil
}

// tiles reads C2SP tiles over HTTP for tlog.TileHashReader, which verifies each against the tree
// before use and then hands it to SaveTiles: only verified tiles are kept for reuse.
type tiles struct{ verified map[tlog.Tile][]byte }

func (*tiles) Height() int { return 8 }

func (r *tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, t := range ts {
		if data, ok := r.verified[t]; ok {
			out[i] = data
			continue
		}
		goPath := t.Path() // tile/8/L/NNN[.p/W]
		c2sp := strings.Replace(goPath, "tile/8/", "tile/", 1)
		data, err := get("/" + c2sp)
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (r *tiles) SaveTiles(ts []tlog.Tile, data [][]byte) {
	for i, t := range ts {
		r.verified[t] = data[i]
	}
}

type proofJSON struct {
	Proof []string `json:"proof"`
}

func proofFrom(path string) ([]tlog.Hash, error) {
	body, err := get(path)
	if err != nil {
		return nil, err
	}
	var p proofJSON
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, err
	}
	out := make([]tlog.Hash, len(p.Proof))
	for i, s := range p.Proof {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != tlog.HashSize {
			return nil, fmt.Errorf("bad proof hash %q", s)
		}
		copy(out[i][:], b)
	}
	return out, nil
}

func equal(a, b []tlog.Hash) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// bundle splits a C2SP entry bundle: big-endian uint16 length, then the entry, repeated.
func bundle(data []byte) ([][]byte, error) {
	var out [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("truncated entry length")
		}
		n := int(data[0])<<8 | int(data[1])
		if len(data) < 2+n {
			return nil, errors.New("truncated entry")
		}
		out = append(out, data[2:2+n])
		data = data[2+n:]
	}
	return out, nil
}

func checkLog(verifier note.Verifier) error {
	msg, err := get("/checkpoint")
	if err != nil {
		return err
	}
	tree, err := checkpoint(msg, verifier)
	if err != nil {
		return err
	}
	reader := tlog.TileHashReader(tree, &tiles{verified: map[tlog.Tile][]byte{}})
	root, err := tlog.TreeHash(tree.N, reader)
	if err != nil {
		return fmt.Errorf("tiles: %v", err)
	}
	if root != tree.Hash {
		return errors.New("the tiles hash to another root than the checkpoint's")
	}
	// Entry bundles against the level-0 hashes.
	for start := int64(0); start < tree.N; start += 256 {
		width := tree.N - start
		path := fmt.Sprintf("/tile/entries/%s", strings.TrimPrefix(tlog.Tile{H: 8, L: 0, N: start / 256, W: 256}.Path(), "tile/8/0/"))
		if width < 256 {
			path += fmt.Sprintf(".p/%d", width)
		} else {
			width = 256
		}
		data, err := get(path)
		if err != nil {
			return err
		}
		entries, err := bundle(data)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		if int64(len(entries)) != width {
			return fmt.Errorf("%s holds %d entries, not %d", path, len(entries), width)
		}
		for i, e := range entries {
			idx := start + int64(i)
			hs, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, idx)})
			if err != nil {
				return err
			}
			if tlog.RecordHash(e) != hs[0] {
				return fmt.Errorf("entry %d does not hash to its leaf", idx)
			}
			ours, err := proofFrom(fmt.Sprintf("/v1/proof/inclusion?index=%d&size=%d", idx, tree.N))
			if err != nil {
				return err
			}
			theirs, err := tlog.ProveRecord(tree.N, idx, reader)
			if err != nil {
				return err
			}
			if !equal(ours, theirs) {
				return fmt.Errorf("inclusion proof for %d differs from tlog.ProveRecord", idx)
			}
			if err := tlog.CheckRecord(ours, tree.N, tree.Hash, idx, hs[0]); err != nil {
				return fmt.Errorf("inclusion proof for %d: %v", idx, err)
			}
		}
	}
	// Consistency proofs from a spread of older sizes.
	checked := 0
	for _, n := range []int64{1, 2, 3, 7, 8, 255, 256, 257, 300, 511, 512, tree.N - 1} {
		if n < 1 || n >= tree.N {
			continue
		}
		old, err := tlog.TreeHash(n, reader)
		if err != nil {
			return err
		}
		ours, err := proofFrom(fmt.Sprintf("/v1/proof/consistency?from=%d&to=%d", n, tree.N))
		if err != nil {
			return err
		}
		theirs, err := tlog.ProveTree(tree.N, n, reader)
		if err != nil {
			return err
		}
		if !equal(ours, theirs) {
			return fmt.Errorf("consistency proof %d->%d differs from tlog.ProveTree", n, tree.N)
		}
		if err := tlog.CheckTree(ours, tree.N, tree.Hash, n, old); err != nil {
			return fmt.Errorf("consistency proof %d->%d: %v", n, tree.N, err)
		}
		checked++
	}
	fmt.Printf("ok log: checkpoint of %d entries opened, tiles, bundles, %d inclusion and %d consistency proofs verified\n", tree.N, tree.N, checked)
	return nil
}

// checkReceipt verifies a c2sp.org/tlog-proof@v1 receipt offline.
func checkReceipt(text []byte, verifier note.Verifier) error {
	head, cp, found := bytes.Cut(text, []byte("\n\n"))
	if !found {
		return errors.New("no blank line before the checkpoint")
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) < 3 || lines[0] != "c2sp.org/tlog-proof@v1" {
		return errors.New("not a c2sp.org/tlog-proof@v1 receipt")
	}
	if !strings.HasPrefix(lines[1], "extra ") || !strings.HasPrefix(lines[2], "index ") {
		return errors.New("receipt lacks extra or index")
	}
	entry, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[1], "extra "))
	if err != nil {
		return err
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[2], "index "), 10, 64)
	if err != nil {
		return err
	}
	var proof []tlog.Hash
	for _, l := range lines[3:] {
		b, err := base64.StdEncoding.DecodeString(l)
		if err != nil || len(b) != tlog.HashSize {
			return fmt.Errorf("bad proof line %q", l)
		}
		var h tlog.Hash
		copy(h[:], b)
		proof = append(proof, h)
	}
	tree, err := checkpoint(cp, verifier)
	if err != nil {
		return err
	}
	return tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(entry))
}

func main() {
	flag.StringVar(&base, "url", "", "the log's base URL")
	vkey := flag.String("vkey", "", "the log's note verifier key")
	flag.Parse()
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fmt.Println("FAIL vkey:", err)
		os.Exit(1)
	}
	failed := false
	if base != "" {
		if err := checkLog(verifier); err != nil {
			fmt.Println("FAIL log:", err)
			failed = true
		}
	}
	for _, f := range flag.Args() {
		text, err := os.ReadFile(f)
		if err == nil {
			err = checkReceipt(text, verifier)
		}
		if err != nil {
			fmt.Printf("FAIL receipt %s: %v\n", f, err)
			failed = true
		} else {
			fmt.Printf("ok receipt %s\n", f)
		}
	}
	if failed {
		os.Exit(1)
	}
}
