package main

import (
	"encoding/json"
	"net/http"
	"strconv"
)

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handlePrimes returns the primes below n (at most 100000).
func handlePrimes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 0 || n > 100000 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "n must be an integer in [0, 100000]"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]interface{}{"n": n, "primes": primesBelow(n)})
}

func handleReverse(w http.ResponseWriter, r *http.Request) {
	s := []rune(r.URL.Query().Get("s"))
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	writeJSON(w, http.StatusOK, map[string]string{"reversed": string(s)})
}
