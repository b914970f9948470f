// Reading runs of ASCII digits eight bytes at a time ("SIMD within a register"): one load, a few integer
// operations and no branch per digit. Used by the reader's fast path for plain BACI lines, where a field is a
// short run of digits of varying length and a per-digit loop mispredicts its exit on nearly every field.
//
// Preconditions: the eight bytes read are readable and ASCII (below 0x80); the fast path runs only on chunks
// without non-ASCII bytes and checks that eight bytes remain before it calls these.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace tradeshock::io_internal::swar {

// Whether these functions apply: the byte arithmetic below assumes the first byte in memory is the lowest.
inline constexpr bool kAvailable = std::endian::native == std::endian::little;

inline std::uint64_t Load8(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// The number of digits '0'..'9' at the start of the eight bytes in `word` (0 to 8).
inline int LeadingDigits(std::uint64_t word) {
  constexpr std::uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0;
  constexpr std::uint64_t kThrees = 0x3030303030303030;
  // A digit byte is 0x30..0x39: its high nibble is 3, and still 3 after adding 6 (0x3A..0x3F become 0x40..).
  // Adding 6 to an ASCII byte cannot carry into the next one.
  const std::uint64_t not_digit =
      ((word & kHighNibbles) ^ kThrees) | (((word + 0x0606060606060606) & kHighNibbles) ^ kThrees);
  return not_digit == 0 ? 8 : std::countr_zero(not_digit) >> 3;
}

// The value of the first `count` bytes of `word` (1 to 8), which must be digits.
inline std::uint32_t DigitsValue(std::uint64_t word, int count) {
  // The digits' values, moved to the top of the word so that the bytes below them read as leading zeros.
  std::uint64_t digits = (word & 0x0F0F0F0F0F0F0F0F) << (8 * (8 - count));
  // Eight digits d0..d7 (d0 first in memory, in the lowest byte): combine neighbours into 2-digit numbers, then
  // those into 4-digit numbers, then into the 8-digit one, with one multiplication per step.
  digits = digits * 10 + (digits >> 8);  // byte 2k: 10 d_2k + d_2k+1
  constexpr std::uint64_t kPairs = 0x000000FF000000FF;
  constexpr std::uint64_t kHundredAndMillion = 100 + (std::uint64_t{1000000} << 32);
  constexpr std::uint64_t kOneAndTenThousand = 1 + (std::uint64_t{10000} << 32);
  digits = ((digits & kPairs) * kHundredAndMillion + ((digits >> 16) & kPairs) * kOneAndTenThousand) >> 32;
  return static_cast<std::uint32_t>(digits);
}

}  // namespace tradeshock::io_internal::swar
