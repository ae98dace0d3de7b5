#pragma once

#include <string>

#include <gtest/gtest.h>

#include "common/crypto/hash.h"

namespace laso::crypto {

// Test vectors are written in hex.
inline std::string Unhex(absl::string_view hex) {
  std::string out;
  EXPECT_TRUE(HexDecode(hex, &out)) << hex;
  return out;
}

}  // namespace laso::crypto
