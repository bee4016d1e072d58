package graph

// Tri is a three-valued truth value. The zero value is Unknown, so a check
// that forgets to compute an answer never reports a finding.
type Tri uint8

// The three truth values.
const (
	Unknown Tri = iota
	True
	False
)

// TriOf converts a known bool.
func TriOf(b bool) Tri {
	if b {
		return True
	}
	return False
}

// Not is three-valued negation.
func (t Tri) Not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// And is Kleene conjunction: False wins over Unknown.
func (t Tri) And(u Tri) Tri {
	if t == False || u == False {
		return False
	}
	if t == True && u == True {
		return True
	}
	return Unknown
}

// Or is Kleene disjunction: True wins over Unknown.
func (t Tri) Or(u Tri) Tri {
	if t == True || u == True {
		return True
	}
	if t == False && u == False {
		return False
	}
	return Unknown
}

// IsTrue reports whether t is definitely true.
func (t Tri) IsTrue() bool { return t == True }

// IsFalse reports whether t is definitely false.
func (t Tri) IsFalse() bool { return t == False }

// String returns "true", "false" or "unknown".
func (t Tri) String() string {
	switch t {
	case True:
		return "true"
	case False:
		return "false"
	}
	return "unknown"
}

// All is the conjunction of ts (True when ts is empty).
func All(ts ...Tri) Tri {
	r := True
	for _, t := range ts {
		r = r.And(t)
	}
	return r
}

// Any is the disjunction of ts (False when ts is empty).
func Any(ts ...Tri) Tri {
	r := False
	for _, t := range ts {
		r = r.Or(t)
	}
	return r
}
