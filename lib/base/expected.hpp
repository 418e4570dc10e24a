// Errors are values: Expected<T> holds either a T or a Diagnostic.
#pragma once

#include <utility>
#include <variant>

#include "base/diagnostic.hpp"

namespace dfopt {

template <typename T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Expected(Diagnostic error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] T& value() { return std::get<0>(v_); }
  [[nodiscard]] const T& value() const { return std::get<0>(v_); }
  [[nodiscard]] const Diagnostic& error() const { return std::get<1>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Diagnostic> v_;
};

}  // namespace dfopt
