package main

// primesBelow returns the primes p < n (sieve of Eratosthenes).
func primesBelow(n int) []int {
	primes := []int{}
	if n < 3 {
		return primes
	}
	composite := make([]bool, n)
	for i := 2; i < n; i++ {
		if composite[i] {
			continue
		}
		primes = append(primes, i)
		for j := i * i; j < n; j += i {
			composite[j] = true
		}
	}
	return primes
}
