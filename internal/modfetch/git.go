package modfetch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// gitTimeout bounds each git command.
const gitTimeout = 10 * time.Minute

// defaultGitProtocols are the transports git may use for module sources:
// never ext (which runs commands) nor file (which reads this machine).
var defaultGitProtocols = []string{"https", "ssh", "git", "http"}

// gitClone checks out src's ref (the default branch when none) into the
// empty directory dest, with the system git, and removes the repository
// metadata. A shallow fetch of the ref comes first; servers that refuse it
// (a commit ID, the dumb HTTP protocol) get a full clone.
func (f *Fetcher) gitClone(src source, dest string) error {
	ref := src.ref
	if ref == "" {
		ref = "HEAD"
	}
	shallow := [][]string{
		{"init", "--quiet", "."},
		{"fetch", "--quiet", "--depth", "1", "--no-tags", "--", src.url, ref},
		{"-c", "core.symlinks=false", "checkout", "--quiet", "FETCH_HEAD"},
	}
	err := f.runGit(dest, shallow)
	if err != nil {
		if rmErr := clearDir(dest); rmErr != nil {
			return rmErr
		}
		full := [][]string{
			{"-c", "core.symlinks=false", "clone", "--quiet", "--no-checkout", "--", src.url, "."},
			{"-c", "core.symlinks=false", "checkout", "--quiet", ref},
		}
		if src.ref == "" {
			full = full[:1]
			full[0] = []string{"-c", "core.symlinks=false", "clone", "--quiet", "--", src.url, "."}
		}
		if fullErr := f.runGit(dest, full); fullErr != nil {
			return fmt.Errorf("git %s (ref %s): %w", src.url, ref, fullErr)
		}
	}
	return os.RemoveAll(filepath.Join(dest, ".git"))
}

// runGit runs git commands in dir, stopping at the first that fails. git
// may not prompt (there is no one to answer), may use only the allowed
// transports, and checks out symbolic links as plain files so that nothing
// in the cache points outside it.
func (f *Fetcher) runGit(dir string, cmds [][]string) error {
	git := f.opts.Git
	if git == "" {
		git = "git"
	}
	protocols := f.opts.GitProtocols
	if protocols == nil {
		protocols = defaultGitProtocols
	}
	var allowed []string
	for _, p := range protocols {
		if p != "ext" {
			allowed = append(allowed, p)
		}
	}
	for _, args := range cmds {
		ctx, cancel := context.WithTimeout(f.ctx, gitTimeout)
		cmd := exec.CommandContext(ctx, git, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"GIT_TERMINAL_PROMPT=0",
			"GIT_ALLOW_PROTOCOL="+strings.Join(allowed, ":"),
			"GIT_CONFIG_NOSYSTEM=1",
			"GCM_INTERACTIVE=never",
		)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		cancel()
		if err != nil {
			msg := strings.TrimSpace(stderr.String())
			if len(msg) > 500 {
				msg = msg[:500] + "..."
			}
			if msg == "" {
				return fmt.Errorf("git %s: %w", args[len(args)-1], err)
			}
			return fmt.Errorf("%w: %s", err, msg)
		}
	}
	return nil
}

// clearDir empties dir.
func clearDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
