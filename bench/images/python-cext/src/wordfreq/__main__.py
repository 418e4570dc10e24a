import argparse
import sys

from wordfreq import count_words


def main() -> int:
    parser = argparse.ArgumentParser(description="Print the most frequent words of stdin.")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    counts = count_words(sys.stdin.read())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    for word, count in ranked[: args.top]:
        print(f"{count:6d} {word}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
