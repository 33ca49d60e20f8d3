package model

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
)

// ParseOwner reads who owns something, as people write it in a cell: a
// name ("Ana Souza"), an e-mail address, or both ("Ana Souza
// <ana@example.com>"), optionally with a role or team in parentheses
// ("Ana Souza (Head of CX)"). It returns the owner tidied (spaces
// collapsed). An owner is one person or one team: lists ("Ana; Bob",
// "Ana, Bob, Chen"), bare numbers, broken e-mail addresses and text
// without letters are errors, because what two people own nobody owns.
func ParseOwner(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", nil
	}
	if len(s) > 120 {
		return "", fmt.Errorf("owner %q is longer than 120 characters: give one person's name or e-mail", s[:40]+"…")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("owner %q holds a control character", s)
		}
	}
	for _, sep := range []string{";", "|", ","} {
		if strings.Contains(s, sep) && !nameWithComma(s, sep) {
			return "", fmt.Errorf("owner %q names more than one person: give one owner", s)
		}
	}
	hasLetter := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return "", fmt.Errorf("owner %q is not a name or an e-mail address", s)
	}
	if strings.Count(s, "@") > 1 {
		return "", fmt.Errorf("owner %q names more than one e-mail address: give one owner", s)
	}
	if strings.Contains(s, "@") {
		if _, err := mail.ParseAddress(s); err != nil {
			return "", fmt.Errorf("owner %q is not a valid e-mail address (write name@example.com or Name <name@example.com>)", s)
		}
	}
	return s, nil
}

// nameWithComma allows the one comma of "Souza, Ana" (surname first), the
// only separator that may sit inside a single person's name.
func nameWithComma(s, sep string) bool {
	if sep != "," || strings.Count(s, ",") != 1 || strings.Contains(s, "@") {
		return false
	}
	before, after, _ := strings.Cut(s, ",")
	return len(strings.Fields(before)) == 1 && len(strings.Fields(after)) >= 1 && len(strings.Fields(after)) <= 2
}
