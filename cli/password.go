package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"os"

	"cxdash/workspace"

	"golang.org/x/term"
)

// passwordTries is how many passwords a person may type before the
// command gives up, as psql and ssh allow a few typing mistakes.
const passwordTries = 3

// openAsking opens the workspace at location, a file or a postgres:// URL,
// with open (workspace.OpenWith). When the server
// wants a password that the URL, PGPASSWORD and the pass file lack (or
// refuses theirs) it asks for one at the terminal, without echo; without a
// terminal it says where to put the password instead. Nothing it prints
// holds a password: the store's errors are redacted and what is added here
// names the workspace with workspace.Redact.
func openAsking[T any](ctx context.Context, e *env, location string,
	open func(context.Context, string, workspace.Options) (T, error)) (T, error) {
	var zero T
	ws, err := open(ctx, location, workspace.Options{})
	var pe *workspace.PasswordError
	if err == nil || !errors.As(err, &pe) {
		return ws, certificateHint(err)
	}
	if !e.interactive() {
		return zero, passwordAdvice(pe)
	}
	for try := 1; ; try++ {
		pw, err := e.askPassword(ctx, fmt.Sprintf("Password for %s at %s: ", pe.User, serverHost(location)))
		if err != nil {
			return zero, err
		}
		ws, err := open(ctx, location, workspace.Options{Password: pw})
		if err == nil {
			return ws, nil
		}
		if !errors.As(err, &pe) {
			return zero, certificateHint(err)
		}
		if try == passwordTries {
			return zero, fmt.Errorf("%s refused the password of user %s %d times; nothing was changed",
				workspace.Redact(location), pe.User, passwordTries)
		}
		fmt.Fprintln(e.stderr, "The server refused that password; try again.")
	}
}

// interactive reports whether a person can be asked for a password: stdin
// is a terminal.
func (e *env) interactive() bool {
	return e.stdin != nil && term.IsTerminal(int(e.stdin.Fd()))
}

// askPassword prints prompt on stderr and reads a line from the terminal
// without echo. Ctrl-C cancels ctx while the terminal is in no-echo mode,
// so the terminal's state is put back here rather than left for the read
// that never returns.
func (e *env) askPassword(ctx context.Context, prompt string) (string, error) {
	fd := int(e.stdin.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("read the password from the terminal: %w", err)
	}
	fmt.Fprint(e.stderr, prompt)
	type line struct {
		b   []byte
		err error
	}
	got := make(chan line, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		got <- line{b, err}
	}()
	select {
	case <-ctx.Done():
		_ = term.Restore(fd, state)
		fmt.Fprintln(e.stderr)
		return "", ctx.Err()
	case l := <-got:
		fmt.Fprintln(e.stderr) // the Enter that was not echoed
		if l.err != nil {
			return "", fmt.Errorf("read the password from the terminal: %w", l.err)
		}
		return string(l.b), nil
	}
}

// passwordAdvice is the one line for a command without a terminal to ask
// at. It never suggests a password in the URL: a command line is seen by
// every process on the machine and kept in shell history.
func passwordAdvice(pe *workspace.PasswordError) error {
	what := "needs a password for user " + pe.User
	if pe.Given {
		what = "refused the password of user " + pe.User
	}
	return fmt.Errorf("%s %s and there is no terminal to ask at: put the password in the pass file "+
		"(PGPASSFILE, else ~/.pgpass; a line host:port:database:user:password, mode 0600) or in PGPASSWORD",
		pe.Location, what)
}

// serverHost is the host a URL names, for the prompt: "localhost" when the
// URL leaves it to PGHOST or the default.
func serverHost(location string) string {
	u, err := url.Parse(workspace.Redact(location))
	if err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	if h := os.Getenv("PGHOST"); h != "" {
		return h
	}
	return "localhost"
}

// certificateHint adds what to do when sslmode=verify-ca or verify-full
// cannot check the server's certificate: name the CA that signed it.
func certificateHint(err error) error {
	var unknown x509.UnknownAuthorityError
	var verify *tls.CertificateVerificationError
	var host x509.HostnameError
	switch {
	case errors.As(err, &host):
		return fmt.Errorf("%w (the server's certificate is not for this host name: connect with the name it was issued for)", err)
	case errors.As(err, &unknown) || errors.As(err, &verify):
		return fmt.Errorf("%w (the server's certificate could not be verified: add sslrootcert=FILE, the CA certificate "+
			"that signed it, to the URL, or set PGSSLROOTCERT)", err)
	}
	return err
}
