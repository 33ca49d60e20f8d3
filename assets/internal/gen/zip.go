package gen

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// sortedZip is an excelize.ZipWriter that writes its entries in name order
// when closed. excelize writes stream-written sheets in map order, so
// without it the same workbook zips differently from run to run.
type sortedZip struct {
	w       io.Writer
	names   []string
	entries map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, entries: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b, ok := z.entries[name]
	if !ok {
		b = new(bytes.Buffer)
		z.entries[name] = b
		z.names = append(z.names, name)
	}
	b.Reset()
	return b, nil
}

// AddFS is not used by excelize when saving; it is here for the interface.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		w, _ := z.Create(path)
		_, err = w.Write(data)
		return err
	})
}

// Close writes the archive: [Content_Types].xml first, as Excel does, then
// the rest by name.
func (z *sortedZip) Close() error {
	sort.Slice(z.names, func(i, j int) bool {
		a, b := z.names[i], z.names[j]
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	for _, name := range z.names {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(z.entries[name].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
