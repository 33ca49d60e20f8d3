package importers

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull tokenizer for the XML of worksheets and shared
// strings. encoding/xml allocates for every token and spends most of a large
// import there (a million rows of six cells are some 40 million tokens);
// this scanner hands out slices of its buffer instead and only decodes the
// text the caller asks for. It reads the subset of XML that spreadsheet
// parts use: elements, attributes, character data with entity and
// character references, CDATA, comments and processing instructions.
// Namespaces are ignored: names are reported by their local part, so
// "x:row" and "row" are the same. DOCTYPE declarations are refused.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	rerr     error // read error other than io.EOF

	// The current token. name, attrs and their bytes point into buf and are
	// valid until the next call to next.
	name  []byte
	empty bool // a self-closing start tag: no end token follows
	attrs []xmlAttr
	text  []byte // decoded character data of a tokText
}

type xmlAttr struct {
	name  []byte // local name
	value []byte // raw: entities are not decoded
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

const (
	xmlBufSize = 64 << 10
	maxXMLTag  = 1 << 20  // a start tag longer than this is not a spreadsheet's
	maxXMLText = 16 << 20 // far above Excel's 32,767 characters per cell
)

var (
	errXMLSyntax  = errors.New("malformed XML")
	errXMLDoctype = errors.New("unexpected DOCTYPE in XML")
	errXMLTooBig  = errors.New("a cell or tag in the worksheet is far too large (over 1 MiB of markup or 16 MiB of text)")
)

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, xmlBufSize)}
}

// fill moves unread bytes to the front and reads more. It reports false at
// the end of input or on a read error.
func (s *xmlScanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxXMLTag {
			s.rerr = errXMLTooBig
			s.eof = true
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// next returns the next token. Character data is decoded into s.text when
// keepText is set and skipped (never returned) otherwise. Text tokens join
// adjacent character data, CDATA sections and whatever comments sit among
// them. At the end of input it returns tokEOF and the read error, if any.
func (s *xmlScanner) next(keepText bool) (tokKind, error) {
	s.text = s.text[:0]
	hasText := false
	for {
		if s.pos >= s.end && !s.fill() {
			if hasText {
				s.text = normalizeNewlines(s.text)
				return tokText, nil
			}
			return tokEOF, s.rerr
		}
		if s.buf[s.pos] != '<' {
			if keepText {
				hasText = true
				if err := s.readChars(); err != nil {
					return tokEOF, err
				}
			} else if i := bytes.IndexByte(s.buf[s.pos:s.end], '<'); i >= 0 {
				s.pos += i
			} else {
				s.pos = s.end
			}
			continue
		}
		// Most markup is a tag; <! and <? open the other constructs.
		for s.end-s.pos < 2 && s.fill() {
		}
		if s.end-s.pos >= 2 && s.buf[s.pos+1] != '!' && s.buf[s.pos+1] != '?' {
			if hasText {
				s.text = normalizeNewlines(s.text)
				return tokText, nil // the tag is the next token
			}
			return s.readTag()
		}
		for s.end-s.pos < 9 && s.fill() {
		}
		rest := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			hasText = hasText || keepText
			if err := s.skipPast(9, "]]>", keepText); err != nil {
				return tokEOF, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			if err := s.skipPast(4, "-->", false); err != nil {
				return tokEOF, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			if err := s.skipPast(2, "?>", false); err != nil {
				return tokEOF, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			return tokEOF, errXMLDoctype
		}
		if hasText {
			s.text = normalizeNewlines(s.text)
			return tokText, nil // the tag is the next token
		}
		return s.readTag()
	}
}

// readChars decodes character data up to the next '<' into s.text.
func (s *xmlScanner) readChars() error {
	for {
		chunk := s.buf[s.pos:s.end]
		i := bytes.IndexAny(chunk, "<&")
		if i < 0 {
			s.text = append(s.text, chunk...)
			s.pos = s.end
			if len(s.text) > maxXMLText {
				return errXMLTooBig
			}
			if !s.fill() {
				return nil
			}
			continue
		}
		s.text = append(s.text, chunk[:i]...)
		s.pos += i
		if len(s.text) > maxXMLText {
			return errXMLTooBig
		}
		if chunk[i] == '<' {
			return nil
		}
		// An entity: make sure it is whole in the buffer.
		for bytes.IndexByte(s.buf[s.pos:s.end], ';') < 0 && s.end-s.pos < 16 && s.fill() {
		}
		s.text, s.pos = appendEntity(s.text, s.buf[:s.end], s.pos)
	}
}

// normalizeNewlines turns CRLF and lone CR into LF, as XML parsers must
// (a carriage return that is meant is written _x000D_ by Excel).
func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	j := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		b[j] = c
		j++
	}
	return b[:j]
}

// appendEntity decodes the reference starting at b[i] ('&') and returns the
// position after it. Unknown or malformed references are kept as written,
// as lenient readers do.
func appendEntity(dst, b []byte, i int) ([]byte, int) {
	j := bytes.IndexByte(b[i:min(len(b), i+12)], ';')
	if j < 0 {
		return append(dst, '&'), i + 1
	}
	ref := b[i+1 : i+j]
	switch string(ref) {
	case "lt":
		return append(dst, '<'), i + j + 1
	case "gt":
		return append(dst, '>'), i + j + 1
	case "amp":
		return append(dst, '&'), i + j + 1
	case "quot":
		return append(dst, '"'), i + j + 1
	case "apos":
		return append(dst, '\''), i + j + 1
	}
	if len(ref) > 1 && ref[0] == '#' {
		var n uint64
		var err error
		if ref[1] == 'x' || ref[1] == 'X' {
			n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
		}
		if err == nil {
			r := rune(n)
			if n == 0 || n > utf8.MaxRune || !utf8.ValidRune(r) {
				r = utf8.RuneError
			}
			return utf8.AppendRune(dst, r), i + j + 1
		}
	}
	return append(dst, '&'), i + 1
}

// skipPast consumes from s.pos+skip to just past the terminator, keeping
// the bytes in between as text when keep is set (CDATA).
func (s *xmlScanner) skipPast(skip int, term string, keep bool) error {
	s.pos += skip
	for {
		chunk := s.buf[s.pos:s.end]
		if i := bytes.Index(chunk, []byte(term)); i >= 0 {
			if keep {
				s.text = append(s.text, chunk[:i]...)
			}
			s.pos += i + len(term)
			return nil
		}
		// Keep a partial terminator at the end for the next round.
		n := max(0, len(chunk)-len(term)+1)
		if keep {
			s.text = append(s.text, chunk[:n]...)
			if len(s.text) > maxXMLText {
				return errXMLTooBig
			}
		}
		s.pos += n
		if !s.fill() {
			return errXMLSyntax
		}
	}
}

// readTag reads a start or end tag at s.pos.
func (s *xmlScanner) readTag() (tokKind, error) {
	// Find the closing '>' outside quoted attribute values. The usual tag
	// has only double-quoted values without '>' in them: the first '>'
	// ends it when the quotes before it pair up.
	end := -1
	if i := bytes.IndexByte(s.buf[s.pos:s.end], '>'); i >= 0 {
		seg := s.buf[s.pos : s.pos+i]
		if bytes.IndexByte(seg, '\'') < 0 && bytes.Count(seg, []byte{'"'})%2 == 0 {
			end = s.pos + i
		}
	}
	from := s.pos + 1
	var quote byte
	for end < 0 {
		for i := from; i < s.end; i++ {
			c := s.buf[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				end = i
			}
			if end >= 0 {
				break
			}
		}
		if end >= 0 {
			break
		}
		from = s.end - s.pos // resume here after the buffer moves
		if !s.fill() {
			if s.rerr != nil {
				return tokEOF, s.rerr
			}
			return tokEOF, errXMLSyntax
		}
		from += s.pos
	}
	tag := s.buf[s.pos+1 : end]
	s.pos = end + 1
	if len(tag) > 0 && tag[0] == '/' {
		s.name = localName(bytes.TrimSpace(tag[1:]))
		s.empty = false
		return tokEnd, nil
	}
	s.empty = len(tag) > 0 && tag[len(tag)-1] == '/'
	if s.empty {
		tag = tag[:len(tag)-1]
	}
	i := 0
	for i < len(tag) && !isXMLSpace(tag[i]) {
		i++
	}
	if i == 0 {
		return tokEOF, errXMLSyntax
	}
	s.name = localName(tag[:i])
	s.attrs = s.attrs[:0]
	for {
		for i < len(tag) && isXMLSpace(tag[i]) {
			i++
		}
		if i == len(tag) {
			return tokStart, nil
		}
		j := i
		for j < len(tag) && tag[j] != '=' && !isXMLSpace(tag[j]) {
			j++
		}
		name := tag[i:j]
		for j < len(tag) && isXMLSpace(tag[j]) {
			j++
		}
		if j == len(tag) || tag[j] != '=' {
			return tokEOF, errXMLSyntax
		}
		j++
		for j < len(tag) && isXMLSpace(tag[j]) {
			j++
		}
		if j == len(tag) || (tag[j] != '"' && tag[j] != '\'') {
			return tokEOF, errXMLSyntax
		}
		q := tag[j]
		k := bytes.IndexByte(tag[j+1:], q)
		if k < 0 {
			return tokEOF, errXMLSyntax
		}
		s.attrs = append(s.attrs, xmlAttr{name: localName(name), value: tag[j+1 : j+1+k]})
		i = j + 1 + k + 1
	}
}

// attr returns the raw value of the attribute with the given local name.
func (s *xmlScanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// attrString returns an attribute's value with references decoded.
func (s *xmlScanner) attrString(name string) string {
	v, _ := s.attr(name)
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	var out []byte
	for i := 0; i < len(v); {
		if v[i] == '&' {
			out, i = appendEntity(out, v, i)
			continue
		}
		out = append(out, v[i])
		i++
	}
	return string(out)
}

// skipElement consumes tokens up to the end of the element whose start tag
// was just read.
func (s *xmlScanner) skipElement() error {
	if s.empty {
		return nil
	}
	depth := 1
	for {
		kind, err := s.next(false)
		if err != nil {
			return err
		}
		switch kind {
		case tokEOF:
			return errXMLSyntax
		case tokStart:
			if !s.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return nil
			}
		}
	}
}

// localName drops a namespace prefix as encoding/xml does: only a name
// with exactly one colon and text on both sides has a prefix.
func localName(b []byte) []byte {
	i := bytes.IndexByte(b, ':')
	if i <= 0 || i == len(b)-1 || bytes.IndexByte(b[i+1:], ':') >= 0 {
		return b
	}
	return b[i+1:]
}

func isXMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
