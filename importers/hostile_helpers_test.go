package importers_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"cxdash/importers"
)

// hostileUsage is what one Read of a hostile file cost.
type hostileUsage struct {
	elapsed  time.Duration
	allocs   uint64 // bytes allocated during the call (TotalAlloc delta)
	heapPeak uint64 // largest HeapInuse growth seen while it ran
}

// measureRead runs importers.Read under a deadline and reports what it
// cost. A Read that outlives its context by a wide margin is a hang: the
// test fails instead of waiting for go test's own timeout.
func measureRead(t *testing.T, path string, sink importers.Sink) (importers.Result, hostileUsage) {
	t.Helper()
	const deadline = 60 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // samples the heap: a spike freed before the end still counts
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > before.HeapInuse && m.HeapInuse-before.HeapInuse > peak {
				peak = m.HeapInuse - before.HeapInuse
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	type result struct {
		rep importers.Result
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		rep, err := importers.Read(ctx, path, importers.Options{}, sink)
		done <- result{rep, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(deadline + 30*time.Second):
		t.Fatalf("Read(%s) hangs: still running %v after its context expired", filepath.Base(path), 30*time.Second)
	}
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if res.err != nil {
		t.Fatalf("Read(%s): %v", filepath.Base(path), res.err)
	}
	return res.rep, hostileUsage{elapsed: elapsed, allocs: after.TotalAlloc - before.TotalAlloc, heapPeak: peak}
}

// deflateSegment compresses b as a run of deflate blocks that ends on a
// byte boundary (a sync flush) and refers to nothing before it, so that
// segments can be concatenated, and repeated, into one valid stream.
func deflateSegment(t *testing.T, b []byte, final bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	must(t, err)
	_, err = w.Write(b)
	must(t, err)
	if final {
		must(t, w.Close())
	} else {
		must(t, w.Flush())
	}
	return buf.Bytes()
}

// repeatedPart is a zip part made of head, n copies of chunk and tail,
// compressed without compressing n copies: a gigabyte costs milliseconds.
type repeatedPart struct {
	head, chunk, tail []byte
	n                 int
	// declared is the uncompressed size written in the zip's directory; 0
	// for the true size. Anything smaller is a zip that lies.
	declared uint64
}

// writeBombXLSX writes a one-sheet package (parts from xlsxPackage) whose
// part big replaces the part of that name.
func writeBombXLSX(t *testing.T, path string, parts map[string]string, name string, big repeatedPart) {
	t.Helper()
	seg := deflateSegment(t, big.chunk, false)
	var data bytes.Buffer
	data.Write(deflateSegment(t, big.head, false))
	for range big.n {
		data.Write(seg)
	}
	data.Write(deflateSegment(t, big.tail, true))
	crc := crc32.Update(0, crc32.IEEETable, big.head)
	for range big.n {
		crc = crc32.Update(crc, crc32.IEEETable, big.chunk)
	}
	crc = crc32.Update(crc, crc32.IEEETable, big.tail)
	size := uint64(len(big.head)) + uint64(big.n)*uint64(len(big.chunk)) + uint64(len(big.tail))
	if big.declared != 0 {
		size = big.declared
	}

	f, err := os.Create(path)
	must(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, n := range sortedKeys(parts) {
		if n == name {
			continue
		}
		w, err := zw.Create(n)
		must(t, err)
		_, err = io.WriteString(w, parts[n])
		must(t, err)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(data.Len()), UncompressedSize64: size})
	must(t, err)
	_, err = w.Write(data.Bytes())
	must(t, err)
	must(t, zw.Close())
	must(t, f.Close())
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// rezip copies the zip at src to a new file, letting edit change or drop
// (nil) each part's content.
func rezip(t *testing.T, src, name string, edit func(part string, data []byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	must(t, err)
	defer zr.Close()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	must(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		must(t, err)
		if data = edit(zf.Name, data); data == nil {
			continue
		}
		w, err := zw.Create(zf.Name)
		must(t, err)
		_, err = w.Write(data)
		must(t, err)
	}
	must(t, zw.Close())
	must(t, f.Close())
	return path
}

// zipEntry finds a part's central directory record and its compressed data
// in a zip file's bytes.
func zipEntry(t *testing.T, data []byte, name string) (central, body int, size int) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		off, err := zf.DataOffset()
		must(t, err)
		// Walk the central directory from the end record's offset.
		end := bytes.LastIndex(data, []byte("PK\x05\x06"))
		if end < 0 {
			t.Fatal("no end of central directory")
		}
		central = int(le32(data[end+16:]))
		for central+46 <= len(data) && string(data[central:central+4]) == "PK\x01\x02" {
			n, m, k := int(le16(data[central+28:])), int(le16(data[central+30:])), int(le16(data[central+32:]))
			if string(data[central+46:central+46+n]) == name {
				return central, int(off), int(zf.CompressedSize64)
			}
			central += 46 + n + m + k
		}
	}
	t.Fatalf("no part %s in the zip", name)
	return 0, 0, 0
}

func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
func le32(b []byte) uint32 { return uint32(le16(b)) | uint32(le16(b[2:]))<<16 }

// flipped returns data with the bytes at offs inverted.
func flipped(data []byte, offs ...int) []byte {
	out := bytes.Clone(data)
	for _, o := range offs {
		out[o] ^= 0xFF
	}
	return out
}

// firstProblem is the first problem's text, or "".
func firstProblem(rep importers.Result) string {
	if len(rep.Problems) == 0 {
		return ""
	}
	return rep.Problems[0].Error()
}

// mib formats a byte count for the log.
func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// hostileTechWords are words a CX lead should never have to read.
var hostileTechWords = []string{"panic", "goroutine", "runtime error", "nil pointer", "internal error", "flate", "xml:", "zip:"}

func techWord(msg string) string {
	low := strings.ToLower(msg)
	for _, w := range hostileTechWords {
		if strings.Contains(low, w) {
			return w
		}
	}
	return ""
}
