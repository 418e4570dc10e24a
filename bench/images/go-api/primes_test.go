package main

import (
	"reflect"
	"testing"
)

func TestPrimesBelow(t *testing.T) {
	got := primesBelow(20)
	want := []int{2, 3, 5, 7, 11, 13, 17, 19}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("primesBelow(20) = %v, want %v", got, want)
	}
}
