package importers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// BookOptions bound the work and memory spent opening one file. Zero fields
// take the defaults below.
type BookOptions struct {
	// TempDir is where excelize may unpack parts too large for memory (""
	// = os.TempDir()). Worksheets are streamed from the zip, never unpacked
	// whole, so in practice nothing lands there.
	TempDir string
	// MaxUnzipSize caps the unpacked size of an xlsx package (default
	// 512 MiB): a zip bomb stops here. It caps the size of any file on
	// disk too, so that a 2 GB csv is refused before it is read.
	MaxUnzipSize int64
	// MaxSharedStrings caps the unpacked shared string table, the one part
	// held in memory whole (default 128 MiB, never above MaxUnzipSize).
	MaxSharedStrings int64
	// MaxXMLSize caps the workbook and styles parts that excelize parses in
	// memory, and is excelize's UnzipXMLSizeLimit (default 64 MiB).
	MaxXMLSize int64
	// MaxRowsPerSheet stops a sheet with an error after this many rows
	// (default 2,000,000; xlsx sheets never get there, long csv files may).
	MaxRowsPerSheet int
	// MaxEmptyRun ends an xlsx sheet after this many consecutive stored but
	// empty rows (default 10,000): formatting applied to whole columns makes
	// some workbooks store a million empty rows.
	MaxEmptyRun int
}

// Defaults for BookOptions.
const (
	DefaultMaxUnzipSize    = 512 << 20
	DefaultMaxXMLSize      = 64 << 20
	DefaultMaxRowsPerSheet = 2_000_000
	DefaultMaxEmptyRun     = 10_000
)

var errBinary = errors.New(msgBinary)

// ErrTooManyRows is returned by SheetReader.Next when a sheet holds more
// rows than BookOptions.MaxRowsPerSheet allows.
var ErrTooManyRows = errors.New("too many rows")

func (o BookOptions) withDefaults() BookOptions {
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = DefaultMaxUnzipSize
	}
	if o.MaxXMLSize <= 0 {
		o.MaxXMLSize = DefaultMaxXMLSize
	}
	if o.MaxXMLSize > o.MaxUnzipSize {
		o.MaxXMLSize = o.MaxUnzipSize
	}
	if o.MaxSharedStrings <= 0 {
		o.MaxSharedStrings = DefaultMaxSharedStrings
	}
	if o.MaxSharedStrings > o.MaxUnzipSize {
		o.MaxSharedStrings = o.MaxUnzipSize
	}
	if o.MaxRowsPerSheet <= 0 {
		o.MaxRowsPerSheet = DefaultMaxRowsPerSheet
	}
	if o.MaxEmptyRun <= 0 {
		o.MaxEmptyRun = DefaultMaxEmptyRun
	}
	return o
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0}
)

// Messages shared by the openers and their tests.
const (
	msgLegacyXLS  = "encrypted or legacy .xls workbook: save it as .xlsx without a password"
	msgDamagedZip = "not a readable xlsx workbook (the file is damaged or truncated)"
	msgBinary     = "binary data, not a csv file"
	msgEmptyFile  = "the file is empty"
)

// OpenBook opens an xlsx/xlsm workbook or a csv/tsv/txt text file. The kind
// is decided by content, not by name: a zip package (PK\x03\x04) is read as
// a workbook, an OLE container (D0 CF 11 E0: an encrypted workbook or a
// legacy .xls) is refused, anything else is read as delimited text when it
// looks like text. Errors are plain sentences without the file name, which
// the caller adds.
func OpenBook(path string, opts BookOptions) (b Book, err error) {
	defer recoverAs(&err, "the file could not be read")
	opts = opts.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(err)
	}
	if err := checkFileSize(f, opts); err != nil {
		f.Close()
		return nil, err
	}
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fileError(err)
	}
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case n == 0:
		return nil, errors.New(msgEmptyFile)
	case bytes.HasPrefix(head, zipMagic):
		return openXLSX(path, opts)
	case bytes.HasPrefix(head, oleMagic):
		return nil, errors.New(msgLegacyXLS)
	case bytes.HasPrefix(head, []byte("PK\x05\x06")), bytes.HasPrefix(head, []byte("PK\x07\x08")):
		// An empty or spanned zip archive: nothing a spreadsheet app writes.
		return nil, errors.New(msgDamagedZip)
	}
	b, err = openCSV(path, opts)
	if errors.Is(err, errBinary) && (ext == ".xlsx" || ext == ".xlsm") {
		return nil, errors.New(msgDamagedZip)
	}
	return b, err
}

// fileError turns an os error into a sentence without the path, which the
// caller prints already.
func fileError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		if pe.Err.Error() == "is a directory" {
			return errors.New("a folder, not a file")
		}
		return fmt.Errorf("cannot read the file: %v", pe.Err)
	}
	return fmt.Errorf("cannot read the file: %v", err)
}

// recoverAs turns a panic in a reader (a bug, or a library choking on a
// malformed file) into an error, so one bad file never takes the app down.
func recoverAs(err *error, msg string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s (internal error: %v)", msg, r)
	}
}

// safeReader wraps a SheetReader so that a panic in Next or Close becomes
// an error.
type safeReader struct{ r SheetReader }

func (s safeReader) Next() (row Row, err error) {
	defer recoverAs(&err, "the sheet could not be read")
	return s.r.Next()
}

func (s safeReader) Total() int64 { return s.r.Total() }

func (s safeReader) Close() (err error) {
	defer recoverAs(&err, "the sheet could not be closed")
	return s.r.Close()
}
