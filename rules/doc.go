// Package rules defines what a security rule is (Rule), what it is given to
// check (Pass), what it produces (Finding), how serious a finding is
// (Severity), and the Registry of the rules a scan runs.
//
// A rule is a pure function of the graph and its typed AWS model: no I/O,
// no globals, no dependence on the order rules run in. Rules are written in
// three-valued logic: a condition that is Unknown produces no finding but an
// undetermined result that reports can count and show.
package rules
