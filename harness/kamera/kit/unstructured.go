package kit

import (
	"encoding/json"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Helpers for targets written against unstructured objects (the JSON a scenario file holds, unchanged).

// Map reads a nested object field; nil when absent or not an object.
func Map(obj map[string]any, fields ...string) map[string]any {
	m, _, _ := unstructured.NestedMap(obj, fields...)
	return m
}

// String reads a nested string field; "" when absent.
func String(obj map[string]any, fields ...string) string {
	s, _, _ := unstructured.NestedString(obj, fields...)
	return s
}

// SameJSON compares two JSON values by their encoding (map keys sorted), so int64 and float64 numbers and
// key order do not matter — the controller-side "would this write change anything" check.
func SameJSON(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(x) == string(y)
}

// StableStringify is sorted-key JSON, byte for byte what ctrlhunt's TypeScript twin targets hash.
func StableStringify(v any) string {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			kb, _ := json.Marshal(k)
			parts = append(parts, string(kb)+":"+StableStringify(x[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, StableStringify(e))
		}
		return "[" + strings.Join(parts, ",") + "]"
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return "null"
		}
		return string(b)
	}
}

// ShortHash is FNV-1a 32-bit over the stable form in base 36, padded to 7 characters (the TypeScript twins' shortHash).
func ShortHash(v any) string {
	text, ok := v.(string)
	if !ok {
		text = StableStringify(v)
	}
	h := uint32(0x811c9dc5)
	for _, r := range []rune(text) {
		h ^= uint32(r)
		h *= 0x01000193
	}
	s := strconvBase36(uint64(h))
	for len(s) < 7 {
		s = "0" + s
	}
	return s
}

func strconvBase36(n uint64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	if n == 0 {
		return "0"
	}
	var out []byte
	for n > 0 {
		out = append([]byte{digits[n%36]}, out...)
		n /= 36
	}
	return string(out)
}

// Condition is a Kubernetes status condition as a JSON object (no transition times: they are wall-clock).
func Condition(typ, status, reason, message string) map[string]any {
	c := map[string]any{"type": typ, "status": status, "reason": reason}
	if message != "" {
		c["message"] = message
	}
	return c
}

// SetCondition replaces the condition of the same type in place (order kept) or appends it.
func SetCondition(list any, cond map[string]any) []any {
	current, _ := list.([]any)
	out := make([]any, 0, len(current)+1)
	replaced := false
	for _, c := range current {
		if m, ok := c.(map[string]any); ok && m["type"] == cond["type"] {
			out = append(out, cond)
			replaced = true
			continue
		}
		out = append(out, c)
	}
	if !replaced {
		out = append(out, cond)
	}
	return out
}

// GetCondition finds a condition by type.
func GetCondition(list any, typ string) map[string]any {
	current, _ := list.([]any)
	for _, c := range current {
		if m, ok := c.(map[string]any); ok && m["type"] == typ {
			return m
		}
	}
	return nil
}
