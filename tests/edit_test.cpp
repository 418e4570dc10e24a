// lib/rewrite: text edits, fixes and the edit set.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rewrite/edit.hpp"

using namespace dfopt;

namespace {

Fix make_fix(std::vector<TextEdit> edits, Safety safety = Safety::Safe) {
  auto fix = Fix::create(safety, "test", std::move(edits));
  REQUIRE(fix.ok());
  return std::move(fix.value());
}

std::string apply_one(std::string_view text, std::vector<TextEdit> edits) {
  EditSet set;
  REQUIRE(set.try_add(make_fix(std::move(edits))));
  return set.apply(text);
}

}  // namespace

TEST_CASE("Safety is ordered like ruff's Applicability") {
  CHECK(Safety::DisplayOnly < Safety::Unsafe);
  CHECK(Safety::Unsafe < Safety::Safe);
  CHECK(to_string(Safety::DisplayOnly) == "display-only");
  CHECK(to_string(Safety::Unsafe) == "unsafe");
  CHECK(to_string(Safety::Safe) == "safe");
}

TEST_CASE("TextEdit constructors") {
  CHECK(TextEdit::insert(3, "x") == TextEdit{Span{3, 3}, "x"});
  CHECK(TextEdit::remove(Span{1, 4}) == TextEdit{Span{1, 4}, ""});
  CHECK(TextEdit::replace(Span{1, 4}, "y") == TextEdit{Span{1, 4}, "y"});
  CHECK(TextEdit::insert(3, "x").is_insertion());
  CHECK_FALSE(TextEdit::remove(Span{1, 4}).is_insertion());
}

TEST_CASE("Fix sorts its edits and keeps same-offset insertions in order") {
  const Fix fix =
      make_fix({TextEdit::replace(Span{8, 10}, "R"), TextEdit::insert(4, "a"),
                TextEdit::insert(4, "b"), TextEdit::remove(Span{4, 6}), TextEdit::insert(4, "c")});
  CHECK(fix.title() == "test");
  CHECK(fix.safety() == Safety::Safe);
  REQUIRE(fix.edits().size() == 5);
  CHECK(fix.edits()[0] == TextEdit::insert(4, "a"));
  CHECK(fix.edits()[1] == TextEdit::insert(4, "b"));
  CHECK(fix.edits()[2] == TextEdit::insert(4, "c"));
  CHECK(fix.edits()[3] == TextEdit::remove(Span{4, 6}));
  CHECK(fix.edits()[4] == TextEdit::replace(Span{8, 10}, "R"));
  CHECK(fix.range() == Span{4, 10});
}

TEST_CASE("Fix refuses overlapping or inverted edits") {
  auto overlap = Fix::create(Safety::Safe, "t",
                             {TextEdit::remove(Span{2, 6}), TextEdit::replace(Span{5, 8}, "x")});
  REQUIRE_FALSE(overlap.ok());
  CHECK(overlap.error().offset == 5);
  CHECK(overlap.error().message == "fix 't': edits [2, 6) and [5, 8) overlap");

  // An insertion strictly inside a replaced span is ambiguous.
  CHECK_FALSE(
      Fix::create(Safety::Safe, "t", {TextEdit::remove(Span{2, 6}), TextEdit::insert(3, "x")})
          .ok());
  CHECK_FALSE(Fix::create(Safety::Safe, "t", {TextEdit{Span{5, 2}, "x"}}).ok());
  // Touching edits and insertions at either end of a replaced span are fine.
  CHECK(Fix::create(Safety::Safe, "t",
                    {TextEdit::remove(Span{2, 6}), TextEdit::replace(Span{6, 8}, "x"),
                     TextEdit::insert(2, "a"), TextEdit::insert(6, "b")})
            .ok());
  const auto empty = Fix::create(Safety::DisplayOnly, "nothing", {});
  REQUIRE(empty.ok());
  CHECK(empty->empty());
  CHECK(empty->range() == Span{0, 0});
}

TEST_CASE("EditSet applies insertions at the start and the end") {
  CHECK(apply_one("abc", {TextEdit::insert(0, ">")}) == ">abc");
  CHECK(apply_one("abc", {TextEdit::insert(3, "<")}) == "abc<");
  CHECK(apply_one("", {TextEdit::insert(0, "new")}) == "new");
  CHECK(apply_one("abc", {TextEdit::insert(3, "1"), TextEdit::insert(0, "0")}) == "0abc1");
}

TEST_CASE("EditSet deletes everything") {
  CHECK(apply_one("RUN x\n", {TextEdit::remove(Span{0, 6})}).empty());
  CHECK(apply_one("RUN x\n", {TextEdit::replace(Span{0, 6}, "FROM y\n")}) == "FROM y\n");
}

TEST_CASE("EditSet accepts adjacent edits from different fixes") {
  EditSet set;
  CHECK(set.empty());
  CHECK(set.try_add(make_fix({TextEdit::replace(Span{0, 3}, "A")})));
  CHECK(set.try_add(make_fix({TextEdit::replace(Span{3, 6}, "B")})));
  CHECK(set.try_add(make_fix({TextEdit::remove(Span{6, 7})})));
  CHECK_FALSE(set.empty());
  CHECK(set.fixes().size() == 3);
  CHECK(set.edit_count() == 3);
  CHECK(set.apply("aaabbbcd") == "ABd");
}

TEST_CASE("Same-offset insertions within one fix keep their order") {
  CHECK(apply_one("xy", {TextEdit::insert(1, "1"), TextEdit::insert(1, "2"),
                         TextEdit::insert(1, "3")}) == "x123y");
  // Insertions at the start of a removed span go before it, at its end after it.
  CHECK(apply_one("abcd", {TextEdit::replace(Span{1, 3}, "R"), TextEdit::insert(3, ">"),
                           TextEdit::insert(1, "<")}) == "a<R>d");
}

TEST_CASE("EditSet refuses a fix that overlaps an accepted one, atomically") {
  EditSet set;
  REQUIRE(set.try_add(make_fix({TextEdit::replace(Span{4, 8}, "X")})));

  SUBCASE("shared bytes") {
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{7, 9})})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{2, 5})})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{5, 6})})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{0, 12})})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{4, 8})})));
  }
  SUBCASE("insertion strictly inside") {
    CHECK_FALSE(set.try_add(make_fix({TextEdit::insert(5, "i")})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::insert(7, "i")})));
  }
  SUBCASE("insertions at either end are adjacent") {
    CHECK(set.try_add(make_fix({TextEdit::insert(4, "<")})));
    CHECK(set.try_add(make_fix({TextEdit::insert(8, ">")})));
    CHECK(set.apply("0123abcd89") == "0123<X>89");
  }
  SUBCASE("two fixes inserting at one offset conflict") {
    CHECK(set.try_add(make_fix({TextEdit::insert(2, "a")})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::insert(2, "b")})));
    // A replacement starting there is still fine.
    CHECK(set.try_add(make_fix({TextEdit::remove(Span{2, 3})})));
    CHECK(set.apply("0123abcd89") == "01a3X89");
  }
  SUBCASE("a replacement around an accepted insertion conflicts") {
    CHECK(set.try_add(make_fix({TextEdit::insert(2, "a")})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{1, 3})})));
    CHECK(set.try_add(make_fix({TextEdit::remove(Span{0, 2})})));
    CHECK(set.try_add(make_fix({TextEdit::remove(Span{2, 3})})));
  }
  SUBCASE("nothing of a refused fix is kept") {
    CHECK_FALSE(set.try_add(make_fix({TextEdit::insert(0, "ok"), TextEdit::remove(Span{6, 9})})));
    CHECK(set.fixes().size() == 1);
    CHECK(set.edit_count() == 1);
    CHECK(set.apply("0123abcd89") == "0123X89");
    // The part that did not conflict can be added on its own.
    CHECK(set.try_add(make_fix({TextEdit::insert(0, "ok")})));
    CHECK(set.apply("0123abcd89") == "ok0123X89");
  }
}

TEST_CASE("EditSet lists its fixes in the order they were accepted") {
  EditSet set;
  auto first = Fix::create(Safety::Unsafe, "first", {TextEdit::insert(9, "z")});
  auto second = Fix::create(Safety::Safe, "second", {TextEdit::insert(0, "a")});
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(set.try_add(*first));
  CHECK(set.try_add(*second));
  REQUIRE(set.fixes().size() == 2);
  CHECK(set.fixes()[0].title() == "first");
  CHECK(set.fixes()[0].safety() == Safety::Unsafe);
  CHECK(set.fixes()[1].title() == "second");
}

namespace {

// The overlap rule, spelled out pair by pair.
bool brute_force_conflict(Span a, Span b) {
  if (a.empty() && b.empty()) return a.begin == b.begin;
  if (a.empty()) return b.begin < a.begin && a.begin < b.end;
  if (b.empty()) return a.begin < b.begin && b.begin < a.end;
  return a.begin < b.end && b.begin < a.end;
}

}  // namespace

TEST_CASE("EditSet agrees with a brute-force overlap check") {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    EditSet set;
    std::vector<Span> accepted;
    for (int attempt = 0; attempt < 12; ++attempt) {
      std::vector<TextEdit> edits;
      const auto count = rng() % 3 + 1;
      for (std::uint32_t i = 0; i < count; ++i) {
        const auto begin = static_cast<std::uint32_t>(rng() % 20);
        const auto end = begin + static_cast<std::uint32_t>(rng() % 4 == 0 ? 0 : rng() % 4);
        edits.push_back(TextEdit::replace(Span{begin, std::min(end, 20U)}, "x"));
      }
      auto fix = Fix::create(Safety::Safe, "random", edits);
      if (!fix.ok()) continue;
      bool expected = true;
      for (const TextEdit& edit : fix->edits()) {
        for (Span other : accepted) expected = expected && !brute_force_conflict(edit.span, other);
      }
      CHECK(set.try_add(*fix) == expected);
      if (expected) {
        for (const TextEdit& edit : fix->edits()) accepted.push_back(edit.span);
      }
    }
    CHECK(set.edit_count() == accepted.size());
  }
}

TEST_CASE("EditSet handles 100k edits") {
  constexpr std::uint32_t n = 100'000;
  std::string text;
  std::string expected;
  for (std::uint32_t i = 0; i < n; ++i) {
    text += "ab";
    expected += "<b";
  }

  SUBCASE("one fix each, added back to front") {
    EditSet set;
    std::size_t accepted = 0;
    for (std::uint32_t i = n; i-- > 0;) {
      accepted += set.try_add(make_fix({TextEdit::replace(Span{2 * i, 2 * i + 1}, "<")})) ? 1 : 0;
    }
    CHECK(accepted == n);
    CHECK_FALSE(set.try_add(make_fix({TextEdit::remove(Span{1, 3})})));
    CHECK(set.try_add(make_fix({TextEdit::insert(2 * (n / 2) + 1, "!")})));
    CHECK_FALSE(set.try_add(make_fix({TextEdit::insert(2 * (n / 2) + 1, "?")})));
    CHECK(set.edit_count() == n + 1);
    expected.insert(2 * (n / 2) + 1, "!");
    CHECK((set.apply(text) == expected));
  }
  SUBCASE("one fix with every edit") {
    std::vector<TextEdit> edits;
    for (std::uint32_t i = 0; i < n; ++i) {
      edits.push_back(TextEdit::replace(Span{2 * (n - 1 - i), 2 * (n - 1 - i) + 1}, "<"));
    }
    EditSet set;
    REQUIRE(set.try_add(make_fix(std::move(edits))));
    CHECK((set.apply(text) == expected));
  }
}
